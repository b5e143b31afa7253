package io.mongoose.files;

import java.nio.file.Path;

import io.mongoose.http.HttpConnection;

/**
 * Runs files that match {@code cgi_pattern} (the CGI layer plugs in here). Without one,
 * such files are answered with 501 and never sent as source text.
 */
@FunctionalInterface
public interface ScriptRunner {

	/**
	 * @param script the script's file (inside the document root)
	 * @return true if a reply was written or started
	 */
	boolean run(HttpConnection connection, Path script);

	/**
	 * Runs a script found for a request, with the CGI names of the request path's parts.
	 * @param scriptName the part of the request path that names the script
	 * ({@code SCRIPT_NAME})
	 * @param pathInfo the rest of the request path after the script ({@code PATH_INFO}),
	 * or null
	 * @return true if a reply was written or started
	 */
	default boolean run(HttpConnection connection, Path script, String scriptName, String pathInfo) {
		return run(connection, script);
	}

}
