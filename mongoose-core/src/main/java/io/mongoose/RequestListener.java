package io.mongoose;

/**
 * Told about every answered request (access log, metrics): also about requests refused
 * while being read (400, 408, 413, 417, 431, 505; {@link Connection#uri()} is null when
 * the target was never read) and WebSocket handshakes (101 when switched). Runs on the IO
 * thread: be quick.
 */
@FunctionalInterface
public interface RequestListener {

	/**
	 * @param connection the request, with its final {@link Connection#statusCode()}
	 * @param startNanos {@link System#nanoTime()} when the request head was complete
	 * @param bytesSent bytes of the reply queued through the server's reply helpers
	 */
	void requestCompleted(Connection connection, long startNanos, long bytesSent);

}
