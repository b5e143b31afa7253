package io.mongoose.http;

import io.mongoose.Connection;

/** Told about every finished request (access log, metrics). Runs on the IO thread: be quick. */
@FunctionalInterface
public interface RequestListener {

	/**
	 * @param connection the request, with its final {@link Connection#statusCode()}
	 * @param startNanos {@link System#nanoTime()} when the request head was complete
	 * @param bytesSent bytes of the reply queued through the server's reply helpers
	 */
	void requestCompleted(Connection connection, long startNanos, long bytesSent);

}
