package io.mongoose.http;

/**
 * The limits and timeouts the HTTP layer enforces; set from server options on the IO
 * thread.
 */
public final class HttpSettings {

	public int maxRequestSize = 16 * 1024;

	public long maxBodySize = 16L * 1024 * 1024;

	/**
	 * {@code max_buffered_bytes}: shared by every connection's buffered body or WebSocket
	 * message.
	 */
	public final BufferBudget bufferBudget = new BufferBudget();

	public int maxHeaders = 100;

	public long requestTimeoutMillis = 30_000;

	public long idleTimeoutMillis = 30_000;

	/**
	 * Bytes per second a request body must average once it has had
	 * {@link #requestTimeoutMillis}.
	 */
	public long minBodyRate = 1024;

	/**
	 * {@code worker_threads} and {@code worker_queue_limit}: the default worker executor,
	 * made on first use.
	 */
	public int workerThreads = 8;

	public int workerQueueLimit = 1000;

	/** A suspended request unanswered for this long gets a 503; 0: no limit. */
	public long asyncTimeoutMillis = 30_000;

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
		StringBuilder rendered = new StringBuilder();
		for (String line : (lines == null) ? new String[0] : lines.split("\r?\n")) {
			if (line.isBlank()) {
				continue;
			}
			int colon = line.indexOf(':');
			String name = (colon < 0) ? "" : line.substring(0, colon).trim();
			String value = (colon < 0) ? "" : line.substring(colon + 1).trim();
			if (colon < 0 || value.isEmpty()) {
				return "Invalid extra_headers line '" + line + "': expected Name: value";
			}
			try { // the rule every reply header follows
				AsciiBuffer.checkName(name);
				AsciiBuffer.checkText(value);
			}
			catch (IllegalArgumentException ex) {
				return "Invalid extra_headers line '" + line + "': " + ex.getMessage();
			}
			rendered.append(name).append(": ").append(value).append("\r\n");
		}
		this.extraHeaders = rendered.toString();
		return null;
	}

}
