package io.mongoose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One option a {@link Server} takes: its name, the kind of value, its default, the part
 * of the server it configures and one line of documentation. Every option is declared
 * here, once: the 17 options of Mongoose 5.1 (alphabetical, as the original listed them),
 * then this port's. The server's defaults, its validation, the launcher and the Spring
 * Boot starter all read this list, and a test checks the README's option table against
 * it.
 */
public final class Option {

	/** The part of the server an option configures. */
	public enum Part {

		/** The listening sockets and who may connect. */
		LISTENERS,
		/** The TLS context of the {@code s} ports. */
		TLS,
		/** The request log. */
		ACCESS_LOG,
		/** Static files, their authentication and what counts as a script. */
		FILES,
		/** CGI scripts. */
		CGI,
		/** WebDAV. */
		DAV,
		/** Limits and timeouts of HTTP requests. */
		HTTP,
		/** Limits of every connection, and the event loop's watchdog. */
		CONNECTIONS,
		/** The worker executor of blocking handlers and suspended requests. */
		WORKERS,
		/** WebSockets. */
		WEBSOCKET,
		/** Compression of replies ({@code Content-Encoding: gzip} or {@code deflate}). */
		COMPRESSION

	}

	/**
	 * What a value looks like; numbers are plain decimal integers (at most 18 digits).
	 */
	public enum Kind {

		/** Any text. */
		TEXT,
		/** A file or directory path. */
		PATH,
		/** A comma-separated list. */
		LIST,
		/** {@code yes} or {@code no}, in any case. */
		BOOLEAN,
		/** A positive count. */
		COUNT,
		/** A positive number of bytes. */
		BYTES,
		/** Milliseconds; {@code 0} has the meaning the option gives it. */
		MILLIS,
		/** Bytes per second; {@code 0} turns the check off. */
		RATE,
		/** One of {@link Option#choices()}, in any case. */
		CHOICE

	}

	/** The default of {@code max_buffered_bytes}: 256 MiB, or a quarter of the heap. */
	private static final long BUFFERED_BYTES = Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);

	/**
	 * The default of {@code worker_threads}: blocking handlers mostly wait (a database, a
	 * file, another service), so the pool is sized beyond the cores: at least 8 (a
	 * typical JDBC pool) on a small machine, 2 per core on a big one.
	 */
	private static final int WORKER_THREADS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

	/**
	 * The default of {@code ssl_ciphers}: the forward-secret AEAD suites, TLS 1.3's
	 * first.
	 */
	private static final String CIPHERS = String.join(",", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

	/**
	 * The default of {@code compression_mime_types}: Spring Boot's list, with the other
	 * text formats of the web.
	 */
	private static final String COMPRESSIBLE = String.join(",", "text/html", "text/xml", "text/plain", "text/css",
			"text/javascript", "application/javascript", "application/json", "application/xml", "image/svg+xml",
			"text/csv", "text/markdown", "application/manifest+json", "application/wasm");

	private static final List<Option> ALL = List.of(new Option("access_control_list", Kind.LIST, Part.LISTENERS, null,
			"unset (every client)",
			"comma list of `+SUBNET` (allow) and `-SUBNET` (deny), IPv4 or IPv6 with an optional `/bits`; once set, a client is denied unless an entry allows it, the last match wins; denied clients are closed at once"),
			new Option("access_log_file", Kind.PATH, Part.ACCESS_LOG, null, null,
					"file that receives one NCSA combined line per finished request, written by a background thread"),
			new Option("auth_domain", Kind.TEXT, Part.FILES, "mydomain.com", null,
					"the Digest realm of `401` challenges and passwords files; `SERVER_NAME` of CGI scripts"),
			new Option("cgi_interpreter", Kind.PATH, Part.CGI, null, null,
					"program that runs every CGI script (`/usr/bin/php-cgi`); unset: the script's `#!` line"),
			new Option("cgi_pattern", Kind.TEXT, Part.FILES, "**.cgi$|**.pl$|**.php$", null,
					"glob of the files run as CGI scripts"),
			new Option("dav_auth_file", Kind.PATH, Part.DAV, null, null,
					"passwords file authorising the WebDAV methods `PUT`, `DELETE`, `MKCOL`, `PROPFIND`; unset: they get `401`"),
			new Option("document_root", Kind.PATH, Part.FILES, null, null,
					"directory served to requests no handler takes; `Server.setDocumentRoot(Path)` accepts a directory on any NIO file system (for example inside a jar)"),
			new Option("enable_directory_listing", Kind.BOOLEAN, Part.FILES, "yes", null,
					"`yes`: a directory without an index file gets an HTML listing; `no`: `403`"),
			new Option("extra_mime_types", Kind.LIST, Part.FILES, null, null,
					"comma list of `.EXT=TYPE` (`.ts=video/mp2t`), a type may have parameters (`.txt=text/plain; charset=iso-8859-1`); wins over the built-in table"),
			new Option("global_auth_file", Kind.PATH, Part.FILES, null, null,
					"passwords file protecting every request of the file pipeline (per-directory `.htpasswd` files are then ignored)"),
			new Option("hide_files_patterns", Kind.TEXT, Part.FILES, null, null,
					"glob of path segments never served (`404`) nor listed; `.htpasswd` is always hidden"),
			new Option("idle_timeout_ms", Kind.MILLIS, Part.HTTP, "30000", null,
					"a connection with no IO for this long is closed"),
			new Option("index_files", Kind.LIST, Part.FILES, "index.html,index.htm,index.cgi,index.php,index.lp", null,
					"comma list of file names tried in order for a directory"),
			new Option("listening_port", Kind.LIST, Part.LISTENERS, null, "unset (not listening)",
					"comma list of `[ip:]port` or `[ipv6]:port`, a suffix `s` makes the port TLS (`8080,8443s`); `0` / `0s` bind ephemeral ports (`getOption` reads back the real ones, `getListeningPorts()` gives each with its scheme). Bound all or nothing, after the other options of the same `setOptions`"),
			new Option("reuse_port", Kind.BOOLEAN, Part.LISTENERS, "no", null,
					"`yes`: ports bound from then on set `SO_REUSEPORT`, so several servers (one IO thread each) bind the same port, each its own socket, and the kernel spreads connections among them; `no`: they share one socket (`setListeningSocket`). Linux, macOS, BSD; elsewhere setting it is an error"),
			new Option("run_as_user", Kind.TEXT, Part.LISTENERS, null, null,
					"cannot work on a JVM: setting it is an error saying so"),
			new Option("ssl_certificate", Kind.PATH, Part.TLS, null, null,
					"PEM file (or `Server.setSslContext(SSLContext)`) with the certificate chain (own certificate first) and the unencrypted private key for the `s` ports: TLS 1.3/1.2, ALPN `http/1.1`, client renegotiation refused; setting it again serves new connections with the new certificate"),
			new Option("url_rewrites", Kind.LIST, Part.FILES, null, null,
					"comma list of `URI_PATTERN=PATH` serving a prefix from another directory, or `404=/page` turning an error into a redirect"),
			// limits of this port: each one a safe default and a clear error status
			new Option("max_request_size", Kind.BYTES, Part.HTTP, "16384", null, "request line + headers, else `431`"),
			new Option("max_body_size", Kind.BYTES, Part.HTTP, "16777216", null, "buffered request body, else `413`"),
			new Option("max_buffered_bytes", Kind.BYTES, Part.HTTP, Long.toString(BUFFERED_BYTES),
					"256 MiB, or a quarter of the maximum heap if less",
					"request bodies and WebSocket frames/messages buffered by the whole server; the connection whose buffer growth does not fit gets `503` (HTTP) or close code 1008 (WebSocket)"),
			new Option("max_headers", Kind.COUNT, Part.HTTP, "100", null, "header lines, else `431`"),
			new Option("request_timeout_ms", Kind.MILLIS, Part.HTTP, "30000", null,
					"a request head must arrive within this time, else `408`"),
			new Option("send_queue_limit", Kind.BYTES, Part.CONNECTIONS, "8388608", null,
					"bytes queued per connection, WebSockets included; a write beyond it returns 0"),
			new Option("max_connections", Kind.COUNT, Part.CONNECTIONS, "10000", null,
					"accepting pauses above it and resumes when one closes"),
			new Option("min_body_rate", Kind.RATE, Part.HTTP, "1024", null,
					"bytes/s a request body must average once `request_timeout_ms` has passed, else `408`; `0` = off"),
			new Option("send_timeout_ms", Kind.MILLIS, Part.CONNECTIONS, "60000", null,
					"a connection with output queued that the peer does not read for this long is closed; `0` = off"),
			new Option("watchdog_ms", Kind.MILLIS, Part.CONNECTIONS, "2000", null,
					"a poll iteration longer than this logs a warning with the IO thread's stack, naming the handler; `0` = off"),
			new Option("cgi_timeout_ms", Kind.MILLIS, Part.CGI, "30000", null,
					"a CGI script that produces no output for this long is killed; `0` = never"),
			new Option("cgi_max_processes", Kind.COUNT, Part.CGI, "8", null,
					"CGI scripts running at once; above it `503` with `Retry-After`"),
			new Option("websocket_max_message_size", Kind.BYTES, Part.WEBSOCKET, "16777216", null,
					"larger frames/messages are closed with 1009"),
			new Option("websocket_ping_interval_ms", Kind.MILLIS, Part.WEBSOCKET, "5000", null,
					"idle WebSockets are pinged; `0` = no pings"),
			new Option("websocket_whole_messages", Kind.BOOLEAN, Part.WEBSOCKET, "no", null,
					"`yes`: fragments are reassembled, the handler sees whole messages"),
			new Option("websocket_slow_reader", Kind.CHOICE, Part.WEBSOCKET, "skip", null,
					"a write or broadcast to a WebSocket or event stream with a full send queue skips it (`skip`) or closes it (`close`)",
					"skip", "close"),
			new Option("websocket_deflate", Kind.BOOLEAN, Part.WEBSOCKET, "yes", null,
					"`yes`: permessage-deflate (RFC 7692) is accepted when a client offers it; inflated sizes count against `websocket_max_message_size`"),
			new Option("websocket_deflate_threshold", Kind.BYTES, Part.WEBSOCKET, "256", null,
					"messages shorter than this are sent uncompressed"),
			new Option("websocket_deflate_memory", Kind.BYTES, Part.WEBSOCKET, "65536", null,
					"zlib memory one WebSocket may keep between messages: the client's context costs 40 KiB, the server's 264 KiB; a context it does not cover is refused with `client_no_context_takeover`/`server_no_context_takeover`"),
			new Option("dav_allow_script_upload", Kind.BOOLEAN, Part.DAV, "no", null,
					"`yes`: WebDAV may write and delete `cgi_pattern` files and `.htpasswd` (else `403`)"),
			new Option("dav_max_put_size", Kind.BYTES, Part.DAV, "17179869184", null,
					"largest body a WebDAV `PUT` stores, streamed to disk (not buffered, so `max_body_size` does not apply), else `413`"),
			new Option("ssl_ciphers", Kind.LIST, Part.TLS, CIPHERS, "the forward-secret AEAD suites",
					"comma list of JSSE cipher suite names offered, most preferred first; an unknown name is an error"),
			new Option("ssl_client_auth", Kind.CHOICE, Part.TLS, "none", null,
					"`want`: ask for a client certificate; `need`: require one signed by a CA of `ssl_ca_file`", "none",
					"want", "need"),
			new Option("ssl_ca_file", Kind.PATH, Part.TLS, null, null,
					"PEM file of the CA certificates trusted to sign client certificates"),
			new Option("websocket_allowed_origins", Kind.LIST, Part.WEBSOCKET, null, "unset (same origin)",
					"comma list of origins (`https://app.example.com`) whose pages may open a WebSocket besides the request's own `Host`, or `*`; another `Origin` is `403`"),
			new Option("extra_headers", Kind.TEXT, Part.HTTP, null, null,
					"`Name: value` lines added to every reply the server writes (not a WebSocket's `101`), for security headers"),
			new Option("worker_threads", Kind.COUNT, Part.WORKERS, Integer.toString(WORKER_THREADS),
					"max(8, 2 × cores)",
					"threads of the default worker executor for `Handler.blocking` handlers; made on first use, idle ones end after a minute"),
			new Option("worker_queue_limit", Kind.COUNT, Part.WORKERS, "1000", null,
					"blocking requests waiting for a worker; beyond it `503` with `Retry-After`"),
			new Option("async_timeout_ms", Kind.MILLIS, Part.WORKERS, "30000", null,
					"a suspended request (`Connection.suspend()`) not completed within this gets `503`; `0` = no limit"),
			new Option("sse_heartbeat_ms", Kind.MILLIS, Part.HTTP, "15000", null,
					"an event stream gets a comment this often, which keeps proxies from closing it and shows a gone client; `0` = none"),
			new Option("sse_replay_size", Kind.COUNT, Part.HTTP, "64", null,
					"events with an id each `EventStreamHandler` keeps for clients reconnecting with `Last-Event-ID`"),
			new Option("compression", Kind.BOOLEAN, Part.COMPRESSION, "no", null,
					"`yes`: replies of `compression_mime_types` of at least `compression_min_size` bytes are gzip- or deflate-compressed for clients whose `Accept-Encoding` takes it (never ranges, `HEAD` bodies, `204`/`304`; a file's `.gz` sidecar is sent as it is)"),
			new Option("compression_mime_types", Kind.LIST, Part.COMPRESSION, COMPRESSIBLE, null,
					"comma list of the media types compressed (parameters ignored, `text/*` matches a whole type)"),
			new Option("compression_min_size", Kind.BYTES, Part.COMPRESSION, "2048", null,
					"bytes a reply must have to be compressed; a streamed reply of unknown length always is"));

	private static final Map<String, Option> BY_NAME;

	private static final Map<String, String> DEFAULTS;

	static {
		Map<String, Option> byName = new LinkedHashMap<>();
		Map<String, String> defaults = new LinkedHashMap<>();
		for (Option option : ALL) {
			byName.put(option.name, option);
			defaults.put(option.name, option.defaultValue);
		}
		BY_NAME = byName;
		DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
	}

	private final String name;

	private final Kind kind;

	private final Part part;

	private final String defaultValue;

	private final String defaultText;

	private final String description;

	private final List<String> choices;

	private Option(String name, Kind kind, Part part, String defaultValue, String defaultText, String description,
			String... choices) {
		this.name = name;
		this.kind = kind;
		this.part = part;
		this.defaultValue = defaultValue;
		this.defaultText = defaultText;
		this.description = description;
		this.choices = List.of(choices);
	}

	/** Every option, in the order of the reference. */
	public static List<Option> all() {
		return ALL;
	}

	/**
	 * The option called {@code name}.
	 * @return the option, or {@code null} for an unknown name
	 */
	public static Option named(String name) {
		return BY_NAME.get(name);
	}

	/** Every option name with its default ({@code null}: unset), in order. */
	static Map<String, String> defaults() {
		return DEFAULTS;
	}

	/** The name {@code setOption} takes, for example {@code idle_timeout_ms}. */
	public String name() {
		return this.name;
	}

	public Kind kind() {
		return this.kind;
	}

	public Part part() {
		return this.part;
	}

	/**
	 * The value in force when the option is not set.
	 * @return the default, or {@code null} when the option is off by default
	 */
	public String defaultValue() {
		return this.defaultValue;
	}

	/**
	 * The default as the documentation says it: {@code `30000`}, {@code unset}, or words
	 * for a default that depends on the machine.
	 */
	public String documentedDefault() {
		if (this.defaultText != null) {
			return this.defaultText;
		}
		return (this.defaultValue == null) ? "unset" : "`" + this.defaultValue + "`";
	}

	/** One line (Markdown) saying what the option does. */
	public String description() {
		return this.description;
	}

	/** The values of a {@link Kind#CHOICE} option, else empty. */
	public List<String> choices() {
		return this.choices;
	}

	/**
	 * Checks {@code value} as {@link Server#setOption} would, without a server:
	 * everything but what depends on the file system or the network (a missing file, a
	 * port in use). An empty value (unset) is always valid.
	 * @return {@code null}, or why the value is invalid
	 */
	public String check(String value) {
		String v = (value == null) ? "" : value.trim();
		return v.isEmpty() ? null : ServerOptions.check(this, v);
	}

	/**
	 * The generic check of the value's kind, for a trimmed, non-empty value.
	 * @return {@code null}, or why the value is invalid
	 */
	String checkKind(String value) {
		switch (this.kind) {
			case BOOLEAN:
				return (value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no")) ? null
						: invalid(value, "expected yes or no");
			case CHOICE:
				return this.choices.contains(value.toLowerCase(Locale.ROOT)) ? null
						: invalid(value,
								"expected " + String.join(", ", this.choices.subList(0, this.choices.size() - 1))
										+ " or " + this.choices.get(this.choices.size() - 1));
			case COUNT, BYTES, MILLIS, RATE:
				long n = parseNumber(value);
				boolean zeroAllowed = this.kind == Kind.MILLIS || this.kind == Kind.RATE;
				return (n < 0 || (n == 0 && !zeroAllowed))
						? invalid(value, "expected a " + (zeroAllowed ? "non-negative" : "positive") + " integer")
						: null;
			default:
				return null;
		}
	}

	/** Whether the value is a number ({@link #parseNumber} then reads it). */
	boolean isNumeric() {
		return this.kind == Kind.COUNT || this.kind == Kind.BYTES || this.kind == Kind.MILLIS || this.kind == Kind.RATE;
	}

	String invalid(String value, String expected) {
		return "Invalid value '" + value + "' for " + this.name + ": " + expected;
	}

	/** Parses a non-negative integer of at most 18 digits, or returns -1. */
	static long parseNumber(String value) {
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

	@Override
	public String toString() {
		return this.name;
	}

}
