package io.mongoose.http;

import io.mongoose.BodyHandler;

/**
 * The built-in pipeline for requests no handler took (static files, CGI, DAV). Layers
 * above HTTP implement it; HTTP knows nothing about files.
 */
@FunctionalInterface
public interface Fallback {

	/**
	 * Serve the request or decline.
	 * @return true if a reply was written (completely, or started and finished later)
	 */
	boolean serve(HttpConnection connection);

	/**
	 * Checks the credentials of a request with a body once its head is parsed, before the
	 * body is read: a refused request costs no upload. {@link #serve} follows if it
	 * passes.
	 * @return false if it answered the request (for example with a 401)
	 */
	default boolean authorize(HttpConnection connection) {
		return true;
	}

	/**
	 * For a request with a body that {@link #authorize} let through: a handler that takes
	 * the body as it arrives and then answers the request (a WebDAV {@code PUT} to disk),
	 * or {@code null} to have the body buffered and {@link #serve} called.
	 */
	default BodyHandler bodyHandler(HttpConnection connection) {
		return null;
	}

}
