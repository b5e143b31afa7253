package io.mongoose.cgi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.mongoose.Header;
import io.mongoose.http.HttpConnection;

/**
 * The CGI/1.1 environment of a request ({@code c:prepare_cgi_environment}): the server
 * and request variables, {@code HTTP_*} for each request header, and a few inherited
 * variables. Unlike Mongoose 5.1 it also sets {@code SERVER_PORT}, has no size cap, and
 * never exports a {@code Proxy} request header as {@code HTTP_PROXY} (the "httpoxy"
 * hole).
 */
final class CgiEnvironment {

	static final String SOFTWARE = "Mongoose/5.1";

	private static final String[] INHERITED = { "PATH", "PERLLIB", "MONGOOSE_CGI", "LD_LIBRARY_PATH", "TMPDIR",
			"LANG" };

	private CgiEnvironment() {
	}

	/**
	 * @param serverName the {@code auth_domain} (as the original exports it)
	 * @param root the document root, or null
	 * @param bodyLength the buffered request body's length
	 */
	static Map<String, String> build(HttpConnection c, Path script, String scriptName, String pathInfo,
			String serverName, Path root, int bodyLength, boolean https) {
		Map<String, String> env = new LinkedHashMap<>();
		Map<String, String> parent = System.getenv();
		for (String name : INHERITED) {
			String value = parent.get(name);
			if (value != null) {
				env.put(name, value);
			}
		}
		env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
		env.put("SERVER_NAME", serverName);
		String rootText = (root != null) ? root.toString() : script.getParent().toString();
		env.put("SERVER_ROOT", rootText);
		env.put("DOCUMENT_ROOT", rootText);
		env.put("SERVER_SOFTWARE", SOFTWARE);
		env.put("GATEWAY_INTERFACE", "CGI/1.1");
		env.put("SERVER_PROTOCOL", "HTTP/" + c.httpVersion());
		env.put("SERVER_PORT", Integer.toString(c.localPort()));
		env.put("REDIRECT_STATUS", "200");
		env.put("REQUEST_METHOD", c.requestMethod());
		env.put("REMOTE_ADDR", c.remoteIp());
		env.put("REMOTE_PORT", Integer.toString(c.remotePort()));
		String query = c.queryString();
		env.put("REQUEST_URI", c.uri() + (query != null ? "?" + query : ""));
		env.put("SCRIPT_NAME", scriptName);
		if (pathInfo != null) {
			env.put("PATH_INFO", pathInfo);
		}
		env.put("SCRIPT_FILENAME", script.toString());
		env.put("PATH_TRANSLATED", script.toString());
		env.put("HTTPS", https ? "on" : "off");
		String contentType = c.getHeader("Content-Type");
		if (contentType != null) {
			env.put("CONTENT_TYPE", contentType);
		}
		env.put("QUERY_STRING", query != null ? query : "");
		if (bodyLength > 0 || c.getHeader("Content-Length") != null) {
			env.put("CONTENT_LENGTH", Integer.toString(bodyLength));
		}
		for (Header h : c.headers()) {
			String name = variableName(h.name());
			if (name == null || name.equals("HTTP_PROXY")) {
				continue;
			}
			env.merge(name, h.value(), (a, b) -> a + ", " + b);
		}
		return env;
	}

	/**
	 * {@code HTTP_} + the name upper-cased with {@code -} as {@code _}; null for odd
	 * names.
	 */
	static String variableName(String header) {
		StringBuilder sb = new StringBuilder(5 + header.length()).append("HTTP_");
		for (int i = 0; i < header.length(); i++) {
			char ch = header.charAt(i);
			if (ch == '-') {
				sb.append('_');
			}
			else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
				sb.append(ch);
			}
			else {
				return null;
			}
		}
		return sb.toString().toUpperCase(Locale.ROOT);
	}

}
