package io.mongoose;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mongoose.tls.TlsPolicy;

/**
 * The option names a server accepts, with their defaults: the 17 options of Mongoose 5.1
 * (alphabetical, as the original listed them) followed by this port's limits.
 */
final class Options {

	/** Name to default value ({@code null}: unset). */
	static final Map<String, String> DEFAULTS;

	static {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("access_control_list", null);
		map.put("access_log_file", null);
		map.put("auth_domain", "mydomain.com");
		map.put("cgi_interpreter", null);
		map.put("cgi_pattern", "**.cgi$|**.pl$|**.php$");
		map.put("dav_auth_file", null);
		map.put("document_root", null);
		map.put("enable_directory_listing", "yes");
		map.put("extra_mime_types", null);
		map.put("global_auth_file", null);
		map.put("hide_files_patterns", null);
		map.put("idle_timeout_ms", "30000");
		map.put("index_files", "index.html,index.htm,index.cgi,index.php,index.lp");
		map.put("listening_port", null);
		map.put("run_as_user", null);
		map.put("ssl_certificate", null);
		map.put("url_rewrites", null);
		// limits of this port: each one a safe default and a clear error status
		map.put("max_request_size", "16384");
		map.put("max_body_size", "16777216");
		map.put("max_buffered_bytes", Long.toString(io.mongoose.http.BufferBudget.DEFAULT_LIMIT));
		map.put("max_headers", "100");
		map.put("request_timeout_ms", "30000");
		map.put("send_queue_limit", "8388608");
		map.put("max_connections", "10000");
		map.put("min_body_rate", "1024");
		map.put("send_timeout_ms", "60000");
		map.put("watchdog_ms", "2000");
		map.put("cgi_timeout_ms", "30000");
		map.put("cgi_max_processes", "8");
		map.put("websocket_max_message_size", "16777216");
		map.put("websocket_ping_interval_ms", "5000");
		map.put("websocket_whole_messages", "no");
		map.put("websocket_slow_reader", "skip");
		map.put("dav_allow_script_upload", "no");
		map.put("ssl_ciphers", String.join(",", TlsPolicy.INTERMEDIATE));
		map.put("ssl_client_auth", "none");
		map.put("ssl_ca_file", null);
		map.put("websocket_allowed_origins", null);
		map.put("extra_headers", null);
		// blocking handlers mostly wait (a database, a file, another service), so the
		// pool is sized
		// beyond the cores: at least 8 (a typical JDBC pool) on a small machine, 2 per
		// core on a big one
		map.put("worker_threads", Integer.toString(Math.max(8, 2 * Runtime.getRuntime().availableProcessors())));
		map.put("worker_queue_limit", "1000");
		map.put("async_timeout_ms", "30000");
		DEFAULTS = Collections.unmodifiableMap(map);
	}

	private Options() {
	}

	static boolean isValid(String name) {
		return DEFAULTS.containsKey(name);
	}

	/** Parses a non-negative integer option, or returns -1. */
	static long parseNonNegative(String value) {
		if (value == null || value.isEmpty() || value.length() > 18) {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!Character.isDigit(value.charAt(i))) {
				return -1;
			}
		}
		return Long.parseLong(value);
	}

	/** Options whose value is a count of bytes, milliseconds or connections. */
	static boolean isNumeric(String name) {
		return name.endsWith("_ms") || name.startsWith("max_") || name.endsWith("_size") || name.endsWith("_limit")
				|| name.equals("min_body_rate") || name.equals("cgi_max_processes") || name.equals("worker_threads");
	}

	/** Numeric options where 0 turns the check off. */
	static boolean zeroDisables(String name) {
		return name.endsWith("_ms") || name.equals("min_body_rate");
	}

	static boolean isYes(String value) {
		return "yes".equalsIgnoreCase(value);
	}

}
