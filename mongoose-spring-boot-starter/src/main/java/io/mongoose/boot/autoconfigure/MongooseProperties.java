package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.mongoose.http.HttpSettings;
import io.mongoose.net.PortSpec;
import io.mongoose.tls.TlsPolicy;
import io.mongoose.ws.WebSocketSettings;

/**
 * Configuration properties of the Mongoose server, bound to {@code mongoose.*}: every
 * core option in kebab-case (typed), the starter's own settings, and a raw
 * {@code options} map. Validates itself at binding time.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mongoose")
public class MongooseProperties implements Validator {

	/**
	 * Whether to auto-configure and run the Mongoose server.
	 */
	private boolean enabled = true;

	/**
	 * Port, or address:port, to listen on; 0 binds an ephemeral port, published as
	 * 'local.mongoose.port'.
	 */
	private String listeningPort = "8080";

	/**
	 * Number of server instances sharing one listening socket, each polled by its own IO
	 * thread.
	 */
	private int threads = 1;

	/**
	 * Longest time one poll of the event loop waits for IO.
	 */
	private Duration pollTimeout = Duration.ofSeconds(1);

	/**
	 * Type of shutdown: 'graceful' drains connections (bounded by
	 * 'spring.lifecycle.timeout-per-shutdown-phase'), 'immediate' closes them.
	 */
	private Shutdown shutdown = Shutdown.GRACEFUL;

	/**
	 * What the application does when an IO thread dies of an error that escaped the
	 * server: 'exit' closes the context and exits with status 1 so that a supervisor
	 * restarts it, 'keep-running' keeps it running with liveness BROKEN and the Mongoose
	 * health DOWN.
	 */
	private LoopFailure loopFailure = LoopFailure.EXIT;

	/**
	 * Directory served as static files, or a 'classpath:' location (for example
	 * 'classpath:static') served from the application's classes or jar without
	 * extraction; unset serves no files.
	 */
	private @Nullable String documentRoot;

	/**
	 * Comma-separated list of '+' or '-' prefixed subnets, for example
	 * '-0.0.0.0/0,+10.0.0.0/8'; the last match wins.
	 */
	private List<String> accessControlList = new ArrayList<>();

	/**
	 * File that receives one line per request (refused ones and WebSocket handshakes
	 * included) in NCSA combined format, naming only authenticated users.
	 */
	private @Nullable String accessLogFile;

	/**
	 * Realm of HTTP Digest authentication.
	 */
	private String authDomain = "mydomain.com";

	/**
	 * Interpreter for CGI scripts, instead of the interpreter named by the script.
	 */
	private @Nullable String cgiInterpreter;

	/**
	 * Glob pattern of the files run as CGI scripts.
	 */
	private String cgiPattern = "**.cgi$|**.pl$|**.php$";

	/**
	 * Passwords file protecting the WebDAV methods (PUT, DELETE, MKCOL, PROPFIND); a
	 * .htpasswd over the target applies as well.
	 */
	private @Nullable String davAuthFile;

	/**
	 * Whether to list a directory that has no index file.
	 */
	private boolean enableDirectoryListing = true;

	/**
	 * Additional MIME types by file extension, for example
	 * 'mongoose.extra-mime-types.ts=video/mp2t'.
	 */
	private Map<String, String> extraMimeTypes = new LinkedHashMap<>();

	/**
	 * Passwords file protecting the whole server.
	 */
	private @Nullable String globalAuthFile;

	/**
	 * Glob pattern of files never served, for example '**.secret$|.git'.
	 */
	private @Nullable String hideFilesPatterns;

	/**
	 * PEM file with the certificate chain and private key for TLS listening ports (those
	 * with an 's' suffix, such as '8443s').
	 */
	private @Nullable String sslCertificate;

	/**
	 * Cipher suites offered on TLS listening ports (JSSE names), most preferred first;
	 * the default offers only forward-secret AEAD suites.
	 */
	private List<String> sslCiphers = new ArrayList<>(TlsPolicy.INTERMEDIATE);

	/**
	 * PEM file of the CA certificates that sign trusted client certificates, with
	 * mongoose.ssl-certificate and mongoose.ssl.client-auth.
	 */
	private @Nullable String sslCaFile;

	/**
	 * TLS settings.
	 */
	private final Ssl ssl = new Ssl();

	/**
	 * Time an idle keep-alive connection stays open.
	 */
	private Duration idleTimeout = Duration.ofSeconds(30);

	/**
	 * Comma-separated list of file names served for a directory, in order of preference.
	 */
	private List<String> indexFiles = new ArrayList<>(
			List.of("index.html", "index.htm", "index.cgi", "index.php", "index.lp"));

	/**
	 * Comma-separated list of 'uri_prefix=directory' rewrites applied to static files.
	 */
	private List<String> urlRewrites = new ArrayList<>();

	/**
	 * Maximum size of a request line plus headers.
	 */
	private DataSize maxRequestSize = DataSize.ofKilobytes(16);

	/**
	 * Maximum size of a buffered request body.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(16);

	/**
	 * Request bodies and WebSocket messages one server instance (one IO thread) may hold
	 * in buffers; by default 256MB, or a quarter of the maximum heap when that is less.
	 */
	private DataSize maxBufferedBytes = DataSize.ofBytes(io.mongoose.http.BufferBudget.DEFAULT_LIMIT);

	/**
	 * Maximum number of request headers.
	 */
	private int maxHeaders = 100;

	/**
	 * Longest time to receive a whole request once it started.
	 */
	private Duration requestTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum bytes queued for sending on one connection; beyond it writes are refused.
	 */
	private DataSize sendQueueLimit = DataSize.ofMegabytes(8);

	/**
	 * Maximum number of open connections per server instance; above it accepting pauses.
	 */
	private int maxConnections = 10000;

	/**
	 * Longest time a CGI script may go without producing output before it is killed; 0
	 * disables the limit.
	 */
	private Duration cgiTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum number of CGI scripts running at once; a request above it gets 503 with
	 * Retry-After.
	 */
	private int cgiMaxProcesses = 8;

	/**
	 * Whether WebDAV may create, overwrite or delete files matching the CGI pattern and
	 * .htpasswd files (by default such requests get 403).
	 */
	private boolean davAllowScriptUpload = false;

	/**
	 * Slowest average rate, per second, at which a request body may arrive once the
	 * request timeout has passed since it started; 0 disables the check.
	 */
	private DataSize minBodyRate = DataSize.ofKilobytes(1);

	/**
	 * Longest time a connection with pending output may go without the peer reading any
	 * of it before it is closed; 0 disables the check.
	 */
	private Duration sendTimeout = Duration.ofSeconds(60);

	/**
	 * Poll iteration length above which a warning with the IO thread's stack is logged (a
	 * handler that blocks); 0 disables the watchdog.
	 */
	private Duration watchdog = Duration.ofSeconds(2);

	/**
	 * Worker executor settings.
	 */
	private final Worker worker = new Worker();

	/**
	 * Longest time a suspended request may wait for its reply before it gets 503; 0
	 * disables the limit.
	 */
	private Duration asyncTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum size of a reassembled WebSocket message.
	 */
	private DataSize websocketMaxMessageSize = DataSize.ofMegabytes(16);

	/**
	 * Interval between server pings on an idle WebSocket; 0 disables pings.
	 */
	private Duration websocketPingInterval = Duration.ofSeconds(5);

	/**
	 * Whether WebSocket handlers receive whole messages instead of single frames.
	 */
	private boolean websocketWholeMessages = false;

	/**
	 * What a broadcast does with a WebSocket whose send queue is full.
	 */
	private SlowReader websocketSlowReader = SlowReader.SKIP;

	/**
	 * Comma-separated list of origins (for example 'https://app.example.com') whose pages
	 * may open a WebSocket besides pages of the server's own host and port, or '*' for
	 * any; other origins get 403. A handshake without an Origin header (not a browser) is
	 * always allowed.
	 */
	private List<String> websocketAllowedOrigins = new ArrayList<>();

	/**
	 * Headers added to every reply the server writes, by name, for example
	 * 'mongoose.extra-headers.X-Content-Type-Options=nosniff'.
	 */
	private Map<String, String> extraHeaders = new LinkedHashMap<>();

	/**
	 * Raw core options passed to Server.setOption after the typed properties, for example
	 * 'mongoose.options.max_headers=50'.
	 */
	private Map<String, String> options = new LinkedHashMap<>();

	/**
	 * Return the core options these properties stand for, by core option name, in the
	 * order they are applied (typed properties, then the raw {@code options} map); a
	 * {@code null} value leaves the option unset.
	 * @return the options
	 */
	public Map<String, @Nullable String> toOptions() {
		Map<String, @Nullable String> map = new LinkedHashMap<>();
		map.put("access_control_list", joinOrNull(this.accessControlList));
		map.put("access_log_file", this.accessLogFile);
		map.put("auth_domain", this.authDomain);
		map.put("cgi_interpreter", this.cgiInterpreter);
		map.put("cgi_pattern", this.cgiPattern);
		map.put("dav_auth_file", this.davAuthFile);
		map.put("document_root", this.documentRoot);
		map.put("enable_directory_listing", yesNo(this.enableDirectoryListing));
		map.put("extra_mime_types", mimeTypes(this.extraMimeTypes));
		map.put("global_auth_file", this.globalAuthFile);
		map.put("hide_files_patterns", this.hideFilesPatterns);
		map.put("idle_timeout_ms", Long.toString(this.idleTimeout.toMillis()));
		map.put("ssl_certificate", this.sslCertificate);
		map.put("index_files", joinOrNull(this.indexFiles));
		map.put("listening_port", this.listeningPort);
		map.put("url_rewrites", joinOrNull(this.urlRewrites));
		map.put("max_request_size", Long.toString(this.maxRequestSize.toBytes()));
		map.put("max_body_size", Long.toString(this.maxBodySize.toBytes()));
		map.put("max_buffered_bytes", Long.toString(this.maxBufferedBytes.toBytes()));
		map.put("max_headers", Integer.toString(this.maxHeaders));
		map.put("request_timeout_ms", Long.toString(this.requestTimeout.toMillis()));
		map.put("send_queue_limit", Long.toString(this.sendQueueLimit.toBytes()));
		map.put("max_connections", Integer.toString(this.maxConnections));
		map.put("cgi_timeout_ms", Long.toString(this.cgiTimeout.toMillis()));
		map.put("cgi_max_processes", Integer.toString(this.cgiMaxProcesses));
		map.put("dav_allow_script_upload", yesNo(this.davAllowScriptUpload));
		map.put("ssl_ciphers", joinOrNull(this.sslCiphers));
		map.put("ssl_ca_file", this.sslCaFile);
		map.put("ssl_client_auth", this.ssl.clientAuth.name().toLowerCase(Locale.ROOT));
		map.put("min_body_rate", Long.toString(this.minBodyRate.toBytes()));
		map.put("send_timeout_ms", Long.toString(this.sendTimeout.toMillis()));
		map.put("watchdog_ms", Long.toString(this.watchdog.toMillis()));
		map.put("websocket_max_message_size", Long.toString(this.websocketMaxMessageSize.toBytes()));
		map.put("websocket_ping_interval_ms", Long.toString(this.websocketPingInterval.toMillis()));
		map.put("websocket_whole_messages", yesNo(this.websocketWholeMessages));
		map.put("websocket_slow_reader", this.websocketSlowReader.name().toLowerCase());
		map.put("websocket_allowed_origins", joinOrNull(this.websocketAllowedOrigins));
		map.put("extra_headers", headerLines(this.extraHeaders));
		map.put("worker_threads", Integer.toString(this.worker.threads));
		map.put("worker_queue_limit", Integer.toString(this.worker.queueCapacity));
		map.put("async_timeout_ms", Long.toString(this.asyncTimeout.toMillis()));
		return map;
	}

	private static @Nullable String joinOrNull(List<String> values) {
		return values.isEmpty() ? null : String.join(",", values);
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static @Nullable String mimeTypes(Map<String, String> types) {
		if (types.isEmpty()) {
			return null;
		}
		List<String> entries = new ArrayList<>();
		types
			.forEach((extension, type) -> entries.add((extension.startsWith(".") ? "" : ".") + extension + "=" + type));
		return String.join(",", entries);
	}

	private static @Nullable String headerLines(Map<String, String> headers) {
		if (headers.isEmpty()) {
			return null;
		}
		StringBuilder lines = new StringBuilder();
		headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
		return lines.toString();
	}

	@Override
	public boolean supports(Class<?> type) {
		return MongooseProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		MongooseProperties properties = (MongooseProperties) target;
		try {
			PortSpec.parseList(properties.listeningPort);
		}
		catch (RuntimeException ex) {
			errors.rejectValue("listeningPort", "invalid", "must be a port or address:port (" + ex.getMessage() + ")");
		}
		if (properties.threads < 1 || properties.threads > 1024) {
			errors.rejectValue("threads", "range", "must be between 1 and 1024");
		}
		positive(errors, "pollTimeout", properties.pollTimeout);
		notNegative(errors, "idleTimeout", properties.idleTimeout);
		notNegative(errors, "requestTimeout", properties.requestTimeout);
		notNegative(errors, "websocketPingInterval", properties.websocketPingInterval);
		notNegative(errors, "sendTimeout", properties.sendTimeout);
		notNegative(errors, "cgiTimeout", properties.cgiTimeout);
		notNegative(errors, "watchdog", properties.watchdog);
		notNegative(errors, "asyncTimeout", properties.asyncTimeout);
		if (properties.worker.threads < 1 || properties.worker.queueCapacity < 1) {
			errors.rejectValue((properties.worker.threads < 1) ? "worker.threads" : "worker.queueCapacity", "range",
					"must be at least 1");
		}
		if (properties.minBodyRate.isNegative()) {
			errors.rejectValue("minBodyRate", "range", "must not be negative");
		}
		positive(errors, "maxRequestSize", properties.maxRequestSize);
		positive(errors, "maxBodySize", properties.maxBodySize);
		positive(errors, "maxBufferedBytes", properties.maxBufferedBytes);
		positive(errors, "sendQueueLimit", properties.sendQueueLimit);
		positive(errors, "websocketMaxMessageSize", properties.websocketMaxMessageSize);
		String headers = new HttpSettings().setExtraHeaders(headerLines(properties.extraHeaders));
		if (headers != null) {
			errors.rejectValue("extraHeaders", "invalid", headers);
		}
		String origins = new WebSocketSettings().setAllowedOrigins(joinOrNull(properties.websocketAllowedOrigins));
		if (origins != null) {
			errors.rejectValue("websocketAllowedOrigins", "invalid", origins);
		}
		if (properties.sslCertificate != null && properties.ssl.bundle != null) {
			errors.rejectValue("ssl.bundle", "exclusive", "cannot be set together with mongoose.ssl-certificate");
		}
		if (properties.ssl.clientAuth != ClientAuth.NONE && properties.ssl.bundle == null
				&& properties.sslCaFile == null) {
			errors.rejectValue("ssl.clientAuth", "trust",
					"needs mongoose.ssl-ca-file or a mongoose.ssl.bundle with a trust store");
		}
		if (properties.maxHeaders < 1) {
			errors.rejectValue("maxHeaders", "range", "must be at least 1");
		}
		if (properties.maxConnections < 1) {
			errors.rejectValue("maxConnections", "range", "must be at least 1");
		}
		if (properties.cgiMaxProcesses < 1) {
			errors.rejectValue("cgiMaxProcesses", "range", "must be at least 1");
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "range", "must be positive");
		}
	}

	private static void notNegative(Errors errors, String field, Duration value) {
		if (value.isNegative()) {
			errors.rejectValue(field, "range", "must not be negative");
		}
	}

	private static void positive(Errors errors, String field, DataSize value) {
		if (value.toBytes() <= 0) {
			errors.rejectValue(field, "range", "must be positive");
		}
	}

	// ---- accessors
	// --------------------------------------------------------------------------

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getListeningPort() {
		return this.listeningPort;
	}

	public void setListeningPort(String listeningPort) {
		this.listeningPort = listeningPort;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public Duration getPollTimeout() {
		return this.pollTimeout;
	}

	public void setPollTimeout(Duration pollTimeout) {
		this.pollTimeout = pollTimeout;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public void setShutdown(Shutdown shutdown) {
		this.shutdown = shutdown;
	}

	public LoopFailure getLoopFailure() {
		return this.loopFailure;
	}

	public void setLoopFailure(LoopFailure loopFailure) {
		this.loopFailure = loopFailure;
	}

	public @Nullable String getDocumentRoot() {
		return this.documentRoot;
	}

	public void setDocumentRoot(@Nullable String documentRoot) {
		this.documentRoot = documentRoot;
	}

	public List<String> getAccessControlList() {
		return this.accessControlList;
	}

	public void setAccessControlList(List<String> accessControlList) {
		this.accessControlList = accessControlList;
	}

	public @Nullable String getAccessLogFile() {
		return this.accessLogFile;
	}

	public void setAccessLogFile(@Nullable String accessLogFile) {
		this.accessLogFile = accessLogFile;
	}

	public String getAuthDomain() {
		return this.authDomain;
	}

	public void setAuthDomain(String authDomain) {
		this.authDomain = authDomain;
	}

	public @Nullable String getCgiInterpreter() {
		return this.cgiInterpreter;
	}

	public void setCgiInterpreter(@Nullable String cgiInterpreter) {
		this.cgiInterpreter = cgiInterpreter;
	}

	public String getCgiPattern() {
		return this.cgiPattern;
	}

	public void setCgiPattern(String cgiPattern) {
		this.cgiPattern = cgiPattern;
	}

	public @Nullable String getDavAuthFile() {
		return this.davAuthFile;
	}

	public void setDavAuthFile(@Nullable String davAuthFile) {
		this.davAuthFile = davAuthFile;
	}

	public boolean isEnableDirectoryListing() {
		return this.enableDirectoryListing;
	}

	public void setEnableDirectoryListing(boolean enableDirectoryListing) {
		this.enableDirectoryListing = enableDirectoryListing;
	}

	public Map<String, String> getExtraMimeTypes() {
		return this.extraMimeTypes;
	}

	public void setExtraMimeTypes(Map<String, String> extraMimeTypes) {
		this.extraMimeTypes = extraMimeTypes;
	}

	public @Nullable String getGlobalAuthFile() {
		return this.globalAuthFile;
	}

	public void setGlobalAuthFile(@Nullable String globalAuthFile) {
		this.globalAuthFile = globalAuthFile;
	}

	public @Nullable String getHideFilesPatterns() {
		return this.hideFilesPatterns;
	}

	public void setHideFilesPatterns(@Nullable String hideFilesPatterns) {
		this.hideFilesPatterns = hideFilesPatterns;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public List<String> getIndexFiles() {
		return this.indexFiles;
	}

	public void setIndexFiles(List<String> indexFiles) {
		this.indexFiles = indexFiles;
	}

	public List<String> getUrlRewrites() {
		return this.urlRewrites;
	}

	public void setUrlRewrites(List<String> urlRewrites) {
		this.urlRewrites = urlRewrites;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public DataSize getMaxBufferedBytes() {
		return this.maxBufferedBytes;
	}

	public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
		this.maxBufferedBytes = maxBufferedBytes;
	}

	public int getMaxHeaders() {
		return this.maxHeaders;
	}

	public void setMaxHeaders(int maxHeaders) {
		this.maxHeaders = maxHeaders;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public DataSize getSendQueueLimit() {
		return this.sendQueueLimit;
	}

	public void setSendQueueLimit(DataSize sendQueueLimit) {
		this.sendQueueLimit = sendQueueLimit;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public int getCgiMaxProcesses() {
		return this.cgiMaxProcesses;
	}

	public void setCgiMaxProcesses(int cgiMaxProcesses) {
		this.cgiMaxProcesses = cgiMaxProcesses;
	}

	public boolean isDavAllowScriptUpload() {
		return this.davAllowScriptUpload;
	}

	public void setDavAllowScriptUpload(boolean davAllowScriptUpload) {
		this.davAllowScriptUpload = davAllowScriptUpload;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getCgiTimeout() {
		return this.cgiTimeout;
	}

	public void setCgiTimeout(Duration cgiTimeout) {
		this.cgiTimeout = cgiTimeout;
	}

	public DataSize getMinBodyRate() {
		return this.minBodyRate;
	}

	public void setMinBodyRate(DataSize minBodyRate) {
		this.minBodyRate = minBodyRate;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Duration getWatchdog() {
		return this.watchdog;
	}

	public void setWatchdog(Duration watchdog) {
		this.watchdog = watchdog;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Duration getAsyncTimeout() {
		return this.asyncTimeout;
	}

	public void setAsyncTimeout(Duration asyncTimeout) {
		this.asyncTimeout = asyncTimeout;
	}

	public DataSize getWebsocketMaxMessageSize() {
		return this.websocketMaxMessageSize;
	}

	public void setWebsocketMaxMessageSize(DataSize websocketMaxMessageSize) {
		this.websocketMaxMessageSize = websocketMaxMessageSize;
	}

	public Duration getWebsocketPingInterval() {
		return this.websocketPingInterval;
	}

	public void setWebsocketPingInterval(Duration websocketPingInterval) {
		this.websocketPingInterval = websocketPingInterval;
	}

	public boolean isWebsocketWholeMessages() {
		return this.websocketWholeMessages;
	}

	public void setWebsocketWholeMessages(boolean websocketWholeMessages) {
		this.websocketWholeMessages = websocketWholeMessages;
	}

	public SlowReader getWebsocketSlowReader() {
		return this.websocketSlowReader;
	}

	public void setWebsocketSlowReader(SlowReader websocketSlowReader) {
		this.websocketSlowReader = websocketSlowReader;
	}

	public Map<String, String> getExtraHeaders() {
		return this.extraHeaders;
	}

	public void setExtraHeaders(Map<String, String> extraHeaders) {
		this.extraHeaders = extraHeaders;
	}

	public List<String> getWebsocketAllowedOrigins() {
		return this.websocketAllowedOrigins;
	}

	public void setWebsocketAllowedOrigins(List<String> websocketAllowedOrigins) {
		this.websocketAllowedOrigins = websocketAllowedOrigins;
	}

	public Map<String, String> getOptions() {
		return this.options;
	}

	public void setOptions(Map<String, String> options) {
		this.options = options;
	}

	public @Nullable String getSslCertificate() {
		return this.sslCertificate;
	}

	public void setSslCertificate(@Nullable String sslCertificate) {
		this.sslCertificate = sslCertificate;
	}

	public List<String> getSslCiphers() {
		return this.sslCiphers;
	}

	public void setSslCiphers(List<String> sslCiphers) {
		this.sslCiphers = sslCiphers;
	}

	public @Nullable String getSslCaFile() {
		return this.sslCaFile;
	}

	public void setSslCaFile(@Nullable String sslCaFile) {
		this.sslCaFile = sslCaFile;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * The executor that runs blocking handlers (@UriHandler(blocking = true)), shared by
	 * all server instances; a bean named 'mongooseWorkerExecutor' replaces it.
	 */
	public static class Worker {

		/**
		 * Threads of the worker pool; by default 2 per core, at least 8. With
		 * spring.threads.virtual.enabled on Java 21+, each task gets a virtual thread and
		 * at most threads + queue-capacity tasks run at once.
		 */
		private int threads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

		/**
		 * Blocking requests that may wait for a free worker; one more gets 503 with
		 * Retry-After.
		 */
		private int queueCapacity = 1000;

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	/**
	 * TLS from a Spring Boot SSL bundle.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) serving TLS listening ports;
		 * reloaded for new connections when the bundle is updated.
		 */
		private @Nullable String bundle;

		/**
		 * Whether TLS handshakes ask for a client certificate, checked against the
		 * bundle's trust store or mongoose.ssl-ca-file; handlers read the verified
		 * subject from Connection.tlsPeerPrincipal().
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

	}

	/**
	 * Whether TLS handshakes ask for a client certificate.
	 */
	public enum ClientAuth {

		/**
		 * Never ask.
		 */
		NONE,

		/**
		 * Ask; a client without a certificate is still served.
		 */
		WANT,

		/**
		 * Require a trusted certificate; the handshake fails without one.
		 */
		NEED

	}

	/**
	 * How the server stops.
	 */
	public enum Shutdown {

		/**
		 * Stop accepting, let in-flight requests finish, close WebSockets with 1001.
		 */
		GRACEFUL,

		/**
		 * Close every connection at once.
		 */
		IMMEDIATE

	}

	/**
	 * What the application does when an IO thread dies.
	 */
	public enum LoopFailure {

		/**
		 * Close the context and exit the JVM with status 1.
		 */
		EXIT,

		/**
		 * Keep the application running, with liveness BROKEN and the Mongoose health
		 * DOWN.
		 */
		KEEP_RUNNING

	}

	/**
	 * What a broadcast does with a WebSocket whose send queue is full.
	 */
	public enum SlowReader {

		/**
		 * Leave the connection out of this message.
		 */
		SKIP,

		/**
		 * Close the connection.
		 */
		CLOSE

	}

}
