package io.mongoose.http;

/**
 * The limits and timeouts the HTTP layer enforces; set from server options on the IO
 * thread. The server applies every option's default ({@code io.mongoose.Option}) before
 * it serves, so the fields hold no defaults of their own.
 */
public final class HttpSettings {

	public int maxRequestSize;

	public long maxBodySize;

	/**
	 * {@code max_buffered_bytes}: shared by every connection's buffered body or WebSocket
	 * message.
	 */
	public final BufferBudget bufferBudget = new BufferBudget();

	/** The {@code compression*} options, read as each reply is framed. */
	final CompressionSettings compression = new CompressionSettings();

	public int maxHeaders;

	public long requestTimeoutMillis;

	public long idleTimeoutMillis;

	/**
	 * Bytes per second a request body must average once it has had
	 * {@link #requestTimeoutMillis}.
	 */
	public long minBodyRate;

	/**
	 * {@code worker_threads} and {@code worker_queue_limit}: the default worker executor,
	 * made on first use.
	 */
	public int workerThreads;

	public int workerQueueLimit;

	/** A suspended request unanswered for this long gets a 503; 0: no limit. */
	public long asyncTimeoutMillis;

	/** {@code sse_heartbeat_ms}: a comment on every event stream this often; 0: none. */
	volatile long sseHeartbeatMillis;

	/** {@code sse_replay_size}: events each event stream handler keeps for replay. */
	volatile int sseReplaySize;

	/**
	 * {@code websocket_slow_reader=close}, for event streams: close one whose send queue
	 * is full instead of skipping the event. Read by writers on any thread.
	 */
	volatile boolean closeSlowReaders;

	/** Sets {@code sse_heartbeat_ms} or {@code sse_replay_size}. */
	public void setEventStreamOption(String name, long value) {
		switch (name) {
			case "sse_heartbeat_ms" -> this.sseHeartbeatMillis = value;
			case "sse_replay_size" -> this.sseReplaySize = (int) Math.min(value, 1_000_000);
			default -> throw new IllegalArgumentException("not an event stream option: " + name);
		}
	}

	/** {@code websocket_slow_reader}, which event streams follow too. */
	public void setCloseSlowReaders(boolean close) {
		this.closeSlowReaders = close;
	}

	/**
	 * {@code extra_headers}, as the {@code "Name: value\r\n"} lines added after the
	 * status line of every reply the server writes (handler replies, files, errors; not a
	 * WebSocket's 101).
	 */
	public String extraHeaders = "";

	/**
	 * Sets {@code extra_headers}: {@code Name: value} lines separated by line breaks, for
	 * example {@code "X-Content-Type-Options: nosniff\nReferrer-Policy: same-origin"};
	 * {@code null} for none.
	 * @return {@code null}, or why the value is invalid (nothing changed then)
	 */
	public String setExtraHeaders(String lines) {
		try {
			this.extraHeaders = render(lines);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/** {@code compression}: whether replies are compressed at all. */
	public void setCompression(boolean enabled) {
		this.compression.setEnabled(enabled);
	}

	/**
	 * {@code compression_mime_types}: a comma list of {@code type/subtype} or
	 * {@code type/*}.
	 * @return {@code null}, or why the value is invalid (nothing changed then)
	 */
	public String setCompressionMimeTypes(String list) {
		return this.compression.setMimeTypes(list);
	}

	/** {@code compression_min_size}: the bytes a reply needs to be compressed. */
	public void setCompressionMinSize(long bytes) {
		this.compression.setMinSize(bytes);
	}

	/**
	 * Checks a {@code compression_mime_types} value.
	 * @return {@code null}, or why the value is invalid
	 */
	public static String checkCompressionMimeTypes(String list) {
		return new CompressionSettings().setMimeTypes(list);
	}

	/**
	 * Checks an {@code extra_headers} value.
	 * @return {@code null}, or why the value is invalid
	 */
	public static String checkExtraHeaders(String lines) {
		return new HttpSettings().setExtraHeaders(lines);
	}

	private static String render(String lines) {
		StringBuilder rendered = new StringBuilder();
		for (String line : (lines == null) ? new String[0] : lines.split("\r?\n")) {
			if (line.isBlank()) {
				continue;
			}
			int colon = line.indexOf(':');
			String name = (colon < 0) ? "" : line.substring(0, colon).trim();
			String value = (colon < 0) ? "" : line.substring(colon + 1).trim();
			if (colon < 0 || value.isEmpty()) {
				throw new IllegalArgumentException("Invalid extra_headers line '" + line + "': expected Name: value");
			}
			try { // the rule every reply header follows
				AsciiBuffer.checkName(name);
				AsciiBuffer.checkText(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid extra_headers line '" + line + "': " + ex.getMessage());
			}
			rendered.append(name).append(": ").append(value).append("\r\n");
		}
		return rendered.toString();
	}

}
