package io.mongoose.files;

import io.mongoose.BodyHandler;
import io.mongoose.http.HttpConnection;

/**
 * Serves extra request methods on the document tree (the WebDAV layer plugs in here): it
 * runs after OPTIONS and before any file lookup, and authorises the request itself. IO
 * thread only.
 */
public interface MethodHandler {

	/** Whether this handler takes requests with {@code method}. */
	boolean handles(String method);

	/**
	 * Checks the request's credentials; called at the head of a request with a body,
	 * before the body is read, and again by {@link #serve} (a request is authenticated
	 * once).
	 * @return false if it answered the request (a 401)
	 */
	boolean authorize(HttpConnection connection, StaticFiles files);

	/**
	 * @param files the pipeline, for its path mapping, digest realm and listing setting
	 * @return true if a reply was written or started
	 */
	boolean serve(HttpConnection connection, StaticFiles files);

	/**
	 * For a request with a body that {@link #authorize} let through: a handler that
	 * streams the body (and then answers), or {@code null} to have it buffered for
	 * {@link #serve}.
	 */
	default BodyHandler bodyHandler(HttpConnection connection, StaticFiles files) {
		return null;
	}

}
