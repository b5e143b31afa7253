package io.mongoose.http;

/**
 * The built-in pipeline for requests no handler took (static files, CGI, DAV). Layers above
 * HTTP implement it; HTTP knows nothing about files.
 */
@FunctionalInterface
public interface Fallback {

	/**
	 * Serve the request or decline.
	 * @return true if a reply was written (completely, or started and finished later)
	 */
	boolean serve(HttpConnection connection);

}
