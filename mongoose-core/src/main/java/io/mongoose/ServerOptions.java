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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * The named options of one {@link Server}, as {@link Option} declares them: checks every
 * value, applies it to the part it configures and remembers it for {@code getOption}. It
 * also owns what the options open: the listening sockets, the TLS context and the access
 * log. Called by {@code Server}, which checks the thread rules.
 * <p>
 * Over 400 lines because applying an option and undoing it belong together: the
 * listeners, TLS and the access log each keep their state here so that a configuration
 * that fails half-way is put back as it was.
 */
final class ServerOptions {

	private static final System.Logger log = System.getLogger(ServerOptions.class.getName());

	private static final String LISTENING_PORT = "listening_port";

	/**
	 * The order a configuration is applied in: the model's, with the listeners last, so
	 * that a TLS port finds the certificate set with it.
	 */
	private static final Comparator<Option> APPLY_ORDER = Comparator
		.comparingInt((Option o) -> o.name().equals(LISTENING_PORT) ? Integer.MAX_VALUE : Option.all().indexOf(o));

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
		for (Option option : Option.all()) {
			if (option.defaultValue() != null) {
				apply(option, option.defaultValue());
			}
		}
	}

	// ---- checking
	// -----------------------------------------------------------------------------------

	/**
	 * Checks a trimmed, non-empty value without applying it: its kind, then the syntax
	 * the part that takes it expects. Files and ports are looked at only when applied.
	 * @return {@code null}, or why the value is invalid
	 */
	static String check(Option option, String value) {
		String error = option.checkKind(value);
		if (error != null) {
			return error;
		}
		try {
			switch (option.name()) {
				case LISTENING_PORT -> PortSpec.parseList(value);
				case "run_as_user" -> {
					return "run_as_user is not supported: a JVM cannot change its user; start it as that user instead";
				}
				case "ssl_ciphers" -> TlsPolicy.parseCipherSuites(value);
				case "access_control_list" -> AccessControlList.parse(value);
				case "extra_headers" -> {
					return HttpSettings.checkExtraHeaders(value);
				}
				case "websocket_allowed_origins" -> {
					return WebSocketSettings.checkAllowedOrigins(value);
				}
				case "compression_mime_types" -> {
					return HttpSettings.checkCompressionMimeTypes(value);
				}
				case "url_rewrites", "extra_mime_types" -> {
					return StaticFiles.checkOption(option.name(), value);
				}
				default -> {
					if (option.kind() == Option.Kind.PATH) {
						Path.of(value);
					}
				}
			}
			return null;
		}
		catch (InvalidPathException ex) {
			return "Invalid " + option.name() + " '" + value + "': " + ex.getMessage();
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	// ---- configuring
	// --------------------------------------------------------------------------------

	/**
	 * See {@link Server#setOptions}: checks every value, then applies them in the model's
	 * order with {@code listening_port} last; on a failure puts back what was applied.
	 */
	void configure(Map<String, String> options) {
		Map<Option, String> changes = new LinkedHashMap<>();
		options.forEach((name, value) -> {
			Option option = Option.named(name);
			if (option == null) {
				throw new OptionException(name, "No such option: " + name);
			}
			String v = (value != null) ? value.trim() : "";
			String error = v.isEmpty() ? null : check(option, v);
			if (error != null) {
				throw new OptionException(name, error);
			}
			changes.put(option, v);
		});
		List<Option> order = new ArrayList<>(changes.keySet());
		order.sort(APPLY_ORDER);
		Map<Option, String> applied = new LinkedHashMap<>();
		try {
			for (Option option : order) {
				applied.put(option, this.values.get(option.name()));
				String error = set(option, changes.get(option));
				if (error != null) {
					throw new OptionException(option.name(), error);
				}
			}
			if (this.tls == null && this.listeners.stream().anyMatch(NetListener::isSecure)) {
				throw new OptionException("ssl_certificate",
						"ssl_certificate cannot be unset while a TLS port (suffix s) listens");
			}
		}
		catch (RuntimeException ex) {
			List<Option> undo = new ArrayList<>(applied.keySet());
			for (int i = undo.size() - 1; i >= 0; i--) {
				restore(undo.get(i), applied.get(undo.get(i)));
			}
			throw ex;
		}
	}

	/**
	 * Puts an option back to its value before a failed configuration; listeners still
	 * bound were never replaced.
	 */
	private void restore(Option option, String previous) {
		if (option.name().equals(LISTENING_PORT) && !this.listeners.isEmpty()) {
			return;
		}
		try {
			set(option, (previous != null) ? previous : "");
		}
		catch (RuntimeException ex) {
			log.log(System.Logger.Level.WARNING,
					"Could not restore " + option + " after a failed configuration: " + ex);
		}
	}

	/** Applies one checked value ({@code ""}: unset) and remembers it. */
	private String set(Option option, String value) {
		String error = value.isEmpty() ? unset(option) : apply(option, value);
		if (error == null) {
			if (value.isEmpty()) {
				this.values.remove(option.name());
			}
			else {
				this.values.put(option.name(), value);
			}
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
			if (root == null) {
				this.values.remove("document_root");
			}
			else {
				this.values.put("document_root",
						(root.getFileSystem() == FileSystems.getDefault()) ? root.toString() : root.toUri().toString());
			}
		}
		return error;
	}

	/**
	 * See {@link Server#getOption}: {@code listening_port} reports the real ports while
	 * listening.
	 */
	String get(String name) {
		Option option = Option.named(name);
		if (option == null) {
			return null;
		}
		if (name.equals(LISTENING_PORT) && !this.listeners.isEmpty()) {
			StringBuilder ports = new StringBuilder();
			for (NetListener listener : this.listeners) {
				InetSocketAddress address = listener.localAddress();
				if (address != null) {
					ports.append((ports.length() > 0) ? "," : "")
						.append(address.getPort())
						.append(listener.isSecure() ? "s" : "");
				}
			}
			return ports.toString();
		}
		String value = this.values.get(name);
		if (value == null) {
			value = option.defaultValue();
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

	private String unset(Option option) {
		String name = option.name();
		if (option.part() == Option.Part.FILES) {
			return this.files.setOption(name, null);
		}
		switch (name) {
			case LISTENING_PORT -> closeListeners();
			case "ssl_certificate" -> {
				this.certificateFile = null;
				useTls(null);
			}
			case "ssl_ca_file" -> {
				return applyClientCas(List.of());
			}
			case "access_control_list" -> this.manager.setAcceptFilter(null);
			case "access_log_file" -> closeAccessLog();
			case "cgi_interpreter" -> this.cgi.setInterpreter(null);
			case "dav_auth_file" -> {
				this.dav.setAuthFile(null);
				updateAllow();
			}
			case "websocket_allowed_origins" -> {
				return this.webSocketSettings.setAllowedOrigins(null);
			}
			case "extra_headers" -> {
				return this.settings.setExtraHeaders(null);
			}
			default -> {
				return (option.defaultValue() != null) ? apply(option, option.defaultValue()) : null;
			}
		}
		return null;
	}

	/** Applies a checked value to the part the option configures. */
	private String apply(Option option, String value) {
		String name = option.name();
		if (option.part() == Option.Part.FILES) {
			return this.files.setOption(name, value);
		}
		if (option.isNumeric()) {
			applyLimit(name, Option.parseNumber(value));
			return null;
		}
		switch (name) {
			case LISTENING_PORT:
				return bind(value);
			case "access_control_list":
				this.manager.setAcceptFilter(AccessControlList.parse(value));
				return null;
			case "access_log_file":
				return openAccessLog(value);
			case "reuse_port":
				return reusePort(value.equalsIgnoreCase("yes"));
			case "cgi_interpreter":
				this.cgi.setInterpreter(value);
				return null;
			case "dav_auth_file":
				this.dav.setAuthFile(Path.of(value));
				updateAllow();
				return null;
			case "dav_allow_script_upload":
				this.dav.setAllowScriptUpload(value.equalsIgnoreCase("yes"));
				return null;
			case "ssl_certificate":
				return loadCertificate(value);
			case "ssl_ciphers", "ssl_client_auth":
				return applyTlsPolicy(name, value);
			case "ssl_ca_file":
				return loadClientCas(value);
			case "websocket_whole_messages", "websocket_slow_reader", "websocket_deflate":
				this.webSocketSettings.apply(name, value);
				this.settings.setCloseSlowReaders(this.webSocketSettings.closeSlowReaders);
				return null;
			case "websocket_allowed_origins":
				return this.webSocketSettings.setAllowedOrigins(value);
			case "extra_headers":
				return this.settings.setExtraHeaders(value);
			case "compression":
				this.settings.setCompression(value.equalsIgnoreCase("yes"));
				return null;
			case "compression_mime_types":
				return this.settings.setCompressionMimeTypes(value);
			default:
				return check(option, value);
		}
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
			case "sse_heartbeat_ms", "sse_replay_size" -> this.settings.setEventStreamOption(name, n);
			case "compression_min_size" -> this.settings.setCompressionMinSize(n);
			case "dav_max_put_size" -> this.dav.setMaxPutSize(n);
			case "websocket_max_message_size", "websocket_ping_interval_ms", "websocket_deflate_threshold",
					"websocket_deflate_memory" ->
				this.webSocketSettings.apply(name, Long.toString(n));
			default -> throw new IllegalStateException("no limit named " + name);
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
	 * TLS), replacing the previous listeners; all or nothing. The new ports are bound
	 * while the old ones still listen, and only if one of them is taken are the old ones
	 * closed first (a port may be moved to another address).
	 * @throws PortBindException if a port cannot be bound
	 */
	private String bind(String spec) {
		List<PortSpec.Listener> parsed = PortSpec.parseList(spec);
		for (PortSpec.Listener port : parsed) {
			if (port.tls() && this.tls == null) {
				return "Cannot bind to port " + spec
						+ ": a TLS port (suffix s) needs ssl_certificate (or Server.setSslContext)";
			}
		}
		List<NetListener> bound;
		try {
			bound = listenAll(parsed, spec);
		}
		catch (PortBindException ex) {
			if (this.listeners.isEmpty()) {
				throw ex;
			}
			closeListeners();
			bound = listenAll(parsed, spec);
		}
		closeListeners();
		this.listeners.addAll(bound);
		return null;
	}

	private List<NetListener> listenAll(List<PortSpec.Listener> parsed, String spec) {
		List<NetListener> bound = new ArrayList<>();
		for (PortSpec.Listener port : parsed) {
			try {
				bound.add(this.manager.listen(port.address(), this.http, port.tls() ? this.tlsTransports : null));
			}
			catch (IOException ex) {
				bound.forEach(this.manager::stopListening);
				String failed = "Cannot bind to port " + spec + ((parsed.size() > 1) ? " (" + port.address() + ")" : "")
						+ ": ";
				if (ex instanceof BindException bindFailure) {
					throw new PortBindException(port.address(), failed + ex.getMessage(), bindFailure);
				}
				throw new OptionException(LISTENING_PORT, failed + ex);
			}
		}
		return bound;
	}

	private String reusePort(boolean reusePort) {
		try {
			this.manager.setReusePort(reusePort);
			return null;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return "Cannot set reuse_port: " + ex.getMessage();
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
