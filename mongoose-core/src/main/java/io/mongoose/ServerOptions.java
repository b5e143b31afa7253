package io.mongoose;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.mongoose.auth.AccessControlList;
import io.mongoose.auth.AccessLog;
import io.mongoose.cgi.CgiRunner;
import io.mongoose.dav.WebDav;
import io.mongoose.files.StaticFiles;
import io.mongoose.http.HttpProtocol;
import io.mongoose.http.HttpSettings;
import io.mongoose.net.EventManager;
import io.mongoose.net.NetListener;
import io.mongoose.net.PortSpec;
import io.mongoose.net.Transport;
import io.mongoose.tls.PemKeyMaterial;
import io.mongoose.tls.TlsContext;
import io.mongoose.tls.TlsPolicy;
import io.mongoose.ws.WebSocketSettings;

/**
 * The named options of one {@link Server} ({@link Options}): validates each value,
 * applies it to the parts it configures and remembers it for {@code getOption}. It also
 * owns what the options open: the listening sockets, the TLS context and the access log.
 * Called by {@code Server}, which checks the thread rules.
 */
final class ServerOptions {

	private final EventManager manager;

	private final HttpProtocol http;

	private final HttpSettings settings;

	private final WebSocketSettings webSocketSettings;

	private final StaticFiles files;

	private final CgiRunner cgi;

	private final WebDav dav;

	/** The values set, as given (trimmed); defaults are not stored. */
	private final Map<String, String> values = new HashMap<>();

	/** The sockets the server accepts on, in {@code listening_port} order. */
	private final List<NetListener> listeners = new ArrayList<>();

	/**
	 * The {@code ssl_certificate} in force: TLS listeners hand it each new connection.
	 */
	private volatile TlsContext tls;

	/**
	 * The server's key and certificate as loaded or given, before {@link #tlsPolicy} is
	 * applied.
	 */
	private TlsContext tlsKeys;

	/**
	 * The file {@link #tlsKeys} came from ({@code null}: none, or a context given by the
	 * application).
	 */
	private Path certificateFile;

	private TlsPolicy tlsPolicy = TlsPolicy.DEFAULT;

	/**
	 * {@code ssl_ca_file}: the CAs whose client certificates a PEM certificate's context
	 * trusts.
	 */
	private List<X509Certificate> clientCas = List.of();

	private final Transport.Factory tlsTransports = (channel, remote) -> this.tls.create(channel, remote);

	private volatile AccessLog accessLog;

	/**
	 * Applies every default, so the parts start configured as {@code getOption} reports
	 * them.
	 * @param http the protocol the listeners accept with; its finished requests go to the
	 * access log
	 * @param settings the HTTP limits, shared with {@code http}
	 * @param webSocketSettings the {@code websocket_*} options, shared with the WebSocket
	 * layer
	 */
	ServerOptions(EventManager manager, HttpProtocol http, HttpSettings settings, WebSocketSettings webSocketSettings,
			StaticFiles files, CgiRunner cgi, WebDav dav) {
		this.manager = manager;
		this.http = http;
		this.settings = settings;
		this.webSocketSettings = webSocketSettings;
		this.files = files;
		this.cgi = cgi;
		this.dav = dav;
		updateAllow();
		this.http.addRequestListener(this::logRequest);
		applyDefaults();
	}

	/**
	 * See {@link Server#setOption}: an empty value unsets the option (or restores its
	 * default).
	 */
	String set(String name, String value) {
		if (!Options.isValid(name)) {
			return "No such option: " + name;
		}
		String v = (value != null) ? value.trim() : "";
		String error = v.isEmpty() ? unset(name) : apply(name, v);
		if (error == null) {
			this.values.put(name, v);
		}
		return error;
	}

	/**
	 * See {@link Server#setDocumentRoot}: reported as the path, or its URI off the
	 * default file system.
	 */
	String setDocumentRoot(Path root) {
		String error = this.files.setDocumentRoot(root);
		if (error == null) {
			this.values.put("document_root", (root == null) ? ""
					: (root.getFileSystem() == FileSystems.getDefault()) ? root.toString() : root.toUri().toString());
		}
		return error;
	}

	/**
	 * See {@link Server#getOption}: {@code listening_port} reports the real ports while
	 * listening.
	 */
	String get(String name) {
		if (!Options.isValid(name)) {
			return null;
		}
		if (name.equals("listening_port") && !this.listeners.isEmpty()) {
			StringBuilder ports = new StringBuilder();
			for (Server.ListeningPort port : listeningPorts()) {
				ports.append((ports.length() > 0) ? "," : "").append(port.port()).append(port.tls() ? "s" : "");
			}
			return ports.toString();
		}
		String value = this.values.get(name);
		if (value == null) {
			value = Options.DEFAULTS.get(name);
		}
		return (value != null) ? value : "";
	}

	/**
	 * Uses {@code context} for TLS listeners instead of an {@code ssl_certificate} file.
	 */
	void setSslContext(SSLContext context) {
		this.certificateFile = null;
		useTls(TlsContext.of(context));
	}

	/**
	 * Serves new TLS connections with {@code keys} under the policy in force
	 * ({@code null}: no TLS).
	 */
	private void useTls(TlsContext keys) {
		this.tlsKeys = keys;
		this.tls = (keys == null) ? null : keys.with(this.tlsPolicy);
	}

	// ---- listeners
	// ----------------------------------------------------------------------------------

	/** The bound listeners, in {@code listening_port} order (a read-only view). */
	List<NetListener> listeners() {
		return Collections.unmodifiableList(this.listeners);
	}

	/** The listeners that have an address, with their real ports. */
	List<Server.ListeningPort> listeningPorts() {
		List<Server.ListeningPort> ports = new ArrayList<>(this.listeners.size());
		for (NetListener listener : this.listeners) {
			InetSocketAddress address = listener.localAddress();
			if (address != null) {
				ports.add(new Server.ListeningPort(address, listener.isSecure()));
			}
		}
		return ports;
	}

	/**
	 * Replaces the listeners with {@code socket}, which another server opened and keeps.
	 */
	void adopt(ServerSocketChannel socket) throws IOException {
		closeListeners();
		this.listeners.add(this.manager.adopt(socket, this.http));
	}

	/**
	 * Stops accepting: {@code listening_port} unset or replaced, or the server draining
	 * or destroyed.
	 */
	void closeListeners() {
		for (NetListener listener : this.listeners) {
			this.manager.stopListening(listener);
		}
		this.listeners.clear();
	}

	/**
	 * Closes the access log, if one is open (unset, replaced or the server destroyed).
	 */
	void closeAccessLog() {
		AccessLog previous = this.accessLog;
		this.accessLog = null;
		if (previous != null) {
			previous.close();
		}
	}

	// ---- applying
	// -----------------------------------------------------------------------------------

	private void applyDefaults() {
		Options.DEFAULTS.forEach((name, value) -> {
			if (value != null) {
				apply(name, value);
			}
		});
	}

	private String unset(String name) {
		if (name.equals("listening_port")) {
			closeListeners();
			return null;
		}
		if (name.equals("ssl_certificate")) {
			for (NetListener listener : this.listeners) {
				if (listener.isSecure()) {
					return "ssl_certificate cannot be unset while a TLS port (suffix s) listens";
				}
			}
			this.certificateFile = null;
			useTls(null);
			return null;
		}
		if (name.equals("ssl_ca_file")) {
			return applyClientCas(List.of());
		}
		if (name.equals("access_control_list")) {
			this.manager.setAcceptFilter(null);
			return null;
		}
		if (name.equals("access_log_file")) {
			closeAccessLog();
			return null;
		}
		if (StaticFiles.OPTIONS.contains(name)) {
			return this.files.setOption(name, null);
		}
		if (name.equals("cgi_interpreter")) {
			this.cgi.setInterpreter(null);
			return null;
		}
		if (name.equals("dav_auth_file")) {
			this.dav.setAuthFile(null);
			updateAllow();
			return null;
		}
		if (name.equals("websocket_allowed_origins")) {
			return this.webSocketSettings.setAllowedOrigins(null);
		}
		if (name.equals("extra_headers")) {
			return this.settings.setExtraHeaders(null);
		}
		String fallback = Options.DEFAULTS.get(name);
		return (fallback != null) ? apply(name, fallback) : null;
	}

	private String apply(String name, String value) {
		switch (name) {
			case "listening_port":
				return bind(value);
			case "document_root", "extra_mime_types", "hide_files_patterns", "index_files", "url_rewrites",
					"global_auth_file", "auth_domain", "cgi_pattern":
				return this.files.setOption(name, value);
			case "access_control_list":
				return applyAccessControlList(value);
			case "access_log_file":
				return openAccessLog(value);
			case "cgi_interpreter":
				this.cgi.setInterpreter(value);
				return null;
			case "dav_auth_file":
				return applyDavAuthFile(value);
			case "run_as_user":
				return "run_as_user is not supported: a JVM cannot change its user; start it as that user instead";
			case "ssl_certificate":
				return loadCertificate(value);
			case "ssl_ciphers", "ssl_client_auth":
				return applyTlsPolicy(name, value);
			case "ssl_ca_file":
				return loadClientCas(value);
			case "enable_directory_listing":
			case "websocket_whole_messages":
			case "dav_allow_script_upload":
				if (!value.equalsIgnoreCase("yes") && !value.equalsIgnoreCase("no")) {
					return "Invalid value '" + value + "' for " + name + ": expected yes or no";
				}
				if (name.equals("dav_allow_script_upload")) {
					this.dav.setAllowScriptUpload(Options.isYes(value));
					return null;
				}
				return name.equals("enable_directory_listing") ? this.files.setOption(name, value)
						: applyWebSocket(name, value);
			case "websocket_slow_reader":
				return (value.equals("skip") || value.equals("close")) ? applyWebSocket(name, value)
						: "Invalid value '" + value + "' for " + name + ": expected skip or close";
			case "websocket_allowed_origins":
				return this.webSocketSettings.setAllowedOrigins(value);
			case "extra_headers":
				return this.settings.setExtraHeaders(value);
			default:
				return Options.isNumeric(name) ? applyNumber(name, value) : null;
		}
	}

	private String applyDavAuthFile(String value) {
		try {
			this.dav.setAuthFile(Path.of(value));
		}
		catch (InvalidPathException ex) {
			return "Invalid dav_auth_file '" + value + "': " + ex.getMessage();
		}
		updateAllow();
		return null;
	}

	/**
	 * The methods OPTIONS and 405 replies announce: the WebDAV ones only when
	 * {@code dav_auth_file} is set.
	 */
	private void updateAllow() {
		if (this.dav.authFile() != null) {
			this.files.setLayerMethods(WebDav.METHODS, "DAV: 1\r\n");
		}
		else {
			this.files.setLayerMethods(List.of(), "");
		}
	}

	private String applyWebSocket(String name, String value) {
		this.webSocketSettings.apply(name, value);
		return null;
	}

	private String applyNumber(String name, String value) {
		long n = Options.parseNonNegative(value);
		boolean zeroDisables = Options.zeroDisables(name);
		if (n < 0 || (n == 0 && !zeroDisables)) {
			return "Invalid value '" + value + "' for " + name + ": expected a "
					+ (zeroDisables ? "non-negative" : "positive") + " integer";
		}
		applyLimit(name, n);
		return null;
	}

	private void applyLimit(String name, long n) {
		int asInt = (int) Math.min(n, Integer.MAX_VALUE - 1024);
		switch (name) {
			case "idle_timeout_ms" -> this.settings.idleTimeoutMillis = n;
			case "request_timeout_ms" -> this.settings.requestTimeoutMillis = n;
			case "max_request_size" -> this.settings.maxRequestSize = asInt;
			case "max_body_size" -> this.settings.maxBodySize = Math.min(n, Integer.MAX_VALUE - 1024 * 1024);
			case "max_buffered_bytes" -> this.settings.bufferBudget.setLimit(n);
			case "max_headers" -> this.settings.maxHeaders = asInt;
			case "send_queue_limit" -> this.manager.setSendLimit(n);
			case "max_connections" -> this.manager.setMaxConnections(asInt);
			case "min_body_rate" -> this.settings.minBodyRate = n;
			case "send_timeout_ms" -> this.manager.setSendTimeout(n);
			case "watchdog_ms" -> this.manager.setStallWarning(n);
			case "cgi_timeout_ms" -> this.cgi.setTimeoutMillis(n);
			case "cgi_max_processes" -> this.cgi.setMaxProcesses((int) Math.min(n, 10_000));
			case "worker_threads" -> this.settings.workerThreads = (int) Math.min(n, 10_000);
			case "worker_queue_limit" -> this.settings.workerQueueLimit = asInt;
			case "async_timeout_ms" -> this.settings.asyncTimeoutMillis = n;
			case "websocket_max_message_size", "websocket_ping_interval_ms" ->
				this.webSocketSettings.apply(name, Long.toString(n));
			default -> {
			}
		}
	}

	/** Loads the PEM file; new TLS connections use it, established ones keep theirs. */
	private String loadCertificate(String value) {
		Path file;
		try {
			file = Path.of(value);
		}
		catch (InvalidPathException ex) {
			return "ssl_certificate " + value + ": invalid path";
		}
		try {
			useTls(TlsContext.load(file, this.clientCas));
			this.certificateFile = file;
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private String applyTlsPolicy(String name, String value) {
		try {
			this.tlsPolicy = name.equals("ssl_ciphers")
					? this.tlsPolicy.withCipherSuites(TlsPolicy.parseCipherSuites(value))
					: this.tlsPolicy.withClientAuth(TlsPolicy.parseClientAuth(value));
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		useTls(this.tlsKeys);
		return null;
	}

	private String loadClientCas(String value) {
		try {
			return applyClientCas(PemKeyMaterial.loadCertificates(Path.of(value)));
		}
		catch (InvalidPathException ex) {
			return "ssl_ca_file " + value + ": invalid path";
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Trusts {@code cas} for client certificates; a loaded {@code ssl_certificate} is
	 * reloaded with them.
	 */
	private String applyClientCas(List<X509Certificate> cas) {
		if (this.certificateFile != null) {
			try {
				useTls(TlsContext.load(this.certificateFile, cas));
			}
			catch (IllegalArgumentException ex) {
				return ex.getMessage();
			}
		}
		this.clientCas = cas;
		return null;
	}

	/**
	 * Binds every port of the comma list ({@code 8080,8443s}: a suffix {@code s} means
	 * TLS), replacing the previous listeners; all or nothing.
	 */
	private String bind(String spec) {
		List<PortSpec.Listener> parsed;
		try {
			parsed = PortSpec.parseList(spec);
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
		for (PortSpec.Listener port : parsed) {
			if (port.tls() && this.tls == null) {
				return "Cannot bind to port " + spec + ": a TLS port (suffix s) needs ssl_certificate to be set first";
			}
		}
		closeListeners();
		List<NetListener> bound = new ArrayList<>();
		for (PortSpec.Listener port : parsed) {
			try {
				bound.add(this.manager.listen(port.address(), this.http, port.tls() ? this.tlsTransports : null));
			}
			catch (IOException ex) {
				bound.forEach(this.manager::stopListening);
				String reason = (ex instanceof BindException) ? ex.getMessage() : ex.toString();
				return "Cannot bind to port " + spec + ((parsed.size() > 1) ? " (" + port.address() + ")" : "") + ": "
						+ reason;
			}
		}
		this.listeners.addAll(bound);
		return null;
	}

	private String applyAccessControlList(String value) {
		try {
			this.manager.setAcceptFilter(AccessControlList.parse(value));
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private String openAccessLog(String value) {
		AccessLog opened;
		try {
			opened = new AccessLog(Path.of(value).toAbsolutePath());
		}
		catch (IOException | RuntimeException ex) {
			return "Cannot open access_log_file '" + value + "': " + ex.getMessage();
		}
		closeAccessLog();
		this.accessLog = opened;
		return null;
	}

	/**
	 * Hands a finished request to the access log in force, if any (read once: it may
	 * change).
	 */
	private void logRequest(Connection connection, long startNanos, long bytesSent) {
		AccessLog accessLog = this.accessLog;
		if (accessLog != null) {
			accessLog.requestCompleted(connection, startNanos, bytesSent);
		}
	}

}
