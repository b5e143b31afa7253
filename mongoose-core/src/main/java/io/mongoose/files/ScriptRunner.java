package io.mongoose.files;

import java.nio.file.Path;

import io.mongoose.http.HttpConnection;

/**
 * Runs files that match {@code cgi_pattern} (the CGI layer plugs in here). Without one, such
 * files are answered with 501 and never sent as source text.
 */
@FunctionalInterface
public interface ScriptRunner {

	/**
	 * @param script the script's file (inside the document root)
	 * @return true if a reply was written or started
	 */
	boolean run(HttpConnection connection, Path script);

}
