package io.mongoose.ws;

/**
 * The WebSocket options of a server ({@code websocket_*}), set on the IO thread and read
 * by the WebSocket layer; the slow-reader policy is also read by writers on other
 * threads. The server applies every option's default ({@code io.mongoose.Option}) before
 * it serves; only the closing handshake's timings, which are no options, are set here.
 */
public final class WebSocketSettings {

	/**
	 * {@code websocket_max_message_size}: largest frame and largest message, in bytes
	 * (1009 above).
	 */
	public volatile long maxMessageSize;

	/**
	 * {@code websocket_ping_interval_ms}: idle time before the server pings; 0 disables
	 * pings.
	 */
	public volatile long pingIntervalMillis;

	/**
	 * {@code websocket_whole_messages}: deliver reassembled messages instead of single
	 * frames.
	 */
	public volatile boolean wholeMessages;

	/**
	 * {@code websocket_slow_reader=close}: close a WebSocket whose send queue is full
	 * instead of skipping the write.
	 */
	public volatile boolean closeSlowReaders;

	/**
	 * {@code websocket_deflate}: negotiate permessage-deflate (RFC 7692) when offered.
	 */
	volatile boolean deflate;

	/**
	 * {@code websocket_deflate_threshold}: messages shorter than this go out
	 * uncompressed.
	 */
	volatile long deflateThreshold;

	/**
	 * {@code websocket_deflate_memory}: zlib memory a connection may keep for compression
	 * contexts (see {@link PerMessageDeflate}).
	 */
	volatile long deflateMemory;

	/**
	 * After the server sent a close frame it waits for the peer's close frame, its FIN,
	 * or this long without input, before it closes TCP (so unread input never turns the
	 * close into a reset).
	 */
	public volatile long closeQuietMillis = 100;

	/** Upper bound on that wait; then the connection is closed whatever the peer does. */
	public volatile long closeTimeoutMillis = 2_000;

	/**
	 * {@code websocket_allowed_origins}: which pages' {@code Origin} may open a
	 * WebSocket.
	 */
	volatile OriginPolicy allowedOrigins = OriginPolicy.SAME_ORIGIN;

	/**
	 * Sets {@code websocket_allowed_origins}: a comma list of origins
	 * ({@code https://example.com:8443}) allowed besides the request's own host, or
	 * {@code *} for any; {@code null} for the same origin only.
	 * @return {@code null}, or why the value is invalid (nothing changed then)
	 */
	public String setAllowedOrigins(String list) {
		try {
			this.allowedOrigins = (list == null) ? OriginPolicy.SAME_ORIGIN : OriginPolicy.parse(list);
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "Invalid value for websocket_allowed_origins: " + ex.getMessage();
		}
	}

	/**
	 * Checks a {@code websocket_allowed_origins} value.
	 * @return {@code null}, or why the value is invalid
	 */
	public static String checkAllowedOrigins(String list) {
		return new WebSocketSettings().setAllowedOrigins(list);
	}

	/**
	 * Applies one {@code websocket_*} option that {@code ServerOptions} already
	 * validated.
	 * @return whether the name is a WebSocket option
	 */
	public boolean apply(String name, String value) {
		switch (name) {
			case "websocket_max_message_size" ->
				this.maxMessageSize = Math.min(Long.parseLong(value), Integer.MAX_VALUE - 64);
			case "websocket_ping_interval_ms" -> this.pingIntervalMillis = Long.parseLong(value);
			case "websocket_whole_messages" -> this.wholeMessages = value.equalsIgnoreCase("yes");
			case "websocket_slow_reader" -> this.closeSlowReaders = value.equalsIgnoreCase("close");
			case "websocket_deflate" -> this.deflate = value.equalsIgnoreCase("yes");
			case "websocket_deflate_threshold" -> this.deflateThreshold = Long.parseLong(value);
			case "websocket_deflate_memory" -> this.deflateMemory = Long.parseLong(value);
			default -> {
				return false;
			}
		}
		return true;
	}

}
