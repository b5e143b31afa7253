package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.mongoose.Option;

/**
 * Configuration properties of the Mongoose server, bound to {@code mongoose.*}: the
 * starter's own settings, a few core options, and the others grouped by concern as Boot's
 * {@code ServerProperties} does ({@code mongoose.ssl.*}, {@code mongoose.static-files.*},
 * {@code mongoose.limits.*}, ...), each group in its own class; a raw {@code options} map
 * passes any core option. Validates itself at binding time with the core's own checks
 * ({@code io.mongoose.Option}); {@link CoreOptions} maps the properties to core options.
 * <p>
 * Over 400 lines because Boot's binder needs a getter and a setter for each property; the
 * groups are classes of their own (LimitsProperties, SslProperties and the others).
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
	 * Whether to bind the listening port. False runs the IO threads without one: requests
	 * reach the handlers only in memory, through a DirectClient (@MongooseHandlerTest).
	 */
	private boolean listen = true;

	/**
	 * Number of server instances, each polled by its own IO thread, sharing one listening
	 * socket (or, with 'reuse-port', one port).
	 */
	private int threads = 1;

	/**
	 * Whether each of the 'threads' server instances binds the port itself with
	 * SO_REUSEPORT, the kernel spreading connections among them, instead of all sharing
	 * one listening socket.
	 */
	private boolean reusePort;

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
	 * Comma-separated list of '+' or '-' prefixed subnets, for example
	 * '-0.0.0.0/0,+10.0.0.0/8'; once set, a client is refused unless an entry allows it,
	 * and the last match wins.
	 */
	private List<String> accessControlList = new ArrayList<>();

	/**
	 * Poll iteration length above which a warning with the IO thread's stack is logged (a
	 * handler that blocks); 0 disables the watchdog.
	 */
	private Duration watchdog = Duration.ofSeconds(2);

	/**
	 * Headers added to every reply the server writes, by name, for example
	 * 'mongoose.extra-headers.X-Content-Type-Options=nosniff'.
	 */
	private Map<String, String> extraHeaders = new LinkedHashMap<>();

	/**
	 * Raw core options passed to the server after the typed properties, for example
	 * 'mongoose.options.max_headers=50'.
	 */
	private Map<String, String> options = new LinkedHashMap<>();

	/**
	 * TLS settings.
	 */
	@NestedConfigurationProperty
	private final SslProperties ssl = new SslProperties();

	/**
	 * Static files.
	 */
	@NestedConfigurationProperty
	private final StaticFilesProperties staticFiles = new StaticFilesProperties();

	/**
	 * Compression of replies.
	 */
	@NestedConfigurationProperty
	private final CompressionProperties compression = new CompressionProperties();

	/**
	 * HTTP Digest authentication of static files.
	 */
	@NestedConfigurationProperty
	private final AuthProperties auth = new AuthProperties();

	/**
	 * Request log.
	 */
	@NestedConfigurationProperty
	private final AccessLogProperties accessLog = new AccessLogProperties();

	/**
	 * CGI scripts.
	 */
	@NestedConfigurationProperty
	private final CgiProperties cgi = new CgiProperties();

	/**
	 * WebDAV.
	 */
	@NestedConfigurationProperty
	private final DavProperties dav = new DavProperties();

	/**
	 * Limits and timeouts.
	 */
	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	/**
	 * WebSockets.
	 */
	@NestedConfigurationProperty
	private final WebSocketProperties websocket = new WebSocketProperties();

	/**
	 * Server-Sent Events.
	 */
	@NestedConfigurationProperty
	private final SseProperties sse = new SseProperties();

	/**
	 * Worker executor settings.
	 */
	@NestedConfigurationProperty
	private final WorkerProperties worker = new WorkerProperties();

	/**
	 * Return the core options these properties stand for, by core option name, in the
	 * order they are applied (typed properties, then the raw {@code options} map); a
	 * {@code null} value leaves the option unset.
	 * @return the options
	 */
	public Map<String, @Nullable String> toOptions() {
		Map<String, @Nullable String> map = new LinkedHashMap<>();
		CoreOptions.of(this).forEach((entry) -> map.put(entry.option(), entry.value()));
		return map;
	}

	@Override
	public boolean supports(Class<?> type) {
		return MongooseProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		MongooseProperties properties = (MongooseProperties) target;
		for (CoreOptions.Entry entry : CoreOptions.of(properties)) {
			Option option = Option.named(entry.option());
			// raw options go to the server as they are: it names the option and the
			// property
			String error = (option != null && !entry.property().startsWith("mongoose.options."))
					? option.check(entry.value()) : null;
			if (error != null) {
				errors.rejectValue(field(entry.property()), "invalid", error);
			}
		}
		if (properties.threads < 1 || properties.threads > 1024) {
			errors.rejectValue("threads", "range", "must be between 1 and 1024");
		}
		if (properties.pollTimeout.isNegative() || properties.pollTimeout.isZero()) {
			errors.rejectValue("pollTimeout", "range", "must be positive");
		}
		if (properties.ssl.getCertificate() != null && properties.ssl.getBundle() != null) {
			errors.rejectValue("ssl.bundle", "exclusive", "cannot be set together with mongoose.ssl.certificate");
		}
		if (properties.ssl.getClientAuth() != SslProperties.ClientAuth.NONE && properties.ssl.getBundle() == null
				&& properties.ssl.getCaFile() == null) {
			errors.rejectValue("ssl.clientAuth", "trust",
					"needs mongoose.ssl.ca-file or a mongoose.ssl.bundle with a trust store");
		}
	}

	/**
	 * {@code mongoose.limits.max-body-size} → the bean path {@code limits.maxBodySize}.
	 */
	private static String field(String property) {
		String path = property.substring("mongoose.".length());
		StringBuilder field = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '-' && i + 1 < path.length()) {
				field.append(Character.toUpperCase(path.charAt(++i)));
			}
			else {
				field.append(c);
			}
		}
		return field.toString();
	}

	// ---- accessors
	// --------------------------------------------------------------------------

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isListen() {
		return this.listen;
	}

	public void setListen(boolean listen) {
		this.listen = listen;
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

	public boolean isReusePort() {
		return this.reusePort;
	}

	public void setReusePort(boolean reusePort) {
		this.reusePort = reusePort;
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

	public List<String> getAccessControlList() {
		return this.accessControlList;
	}

	public void setAccessControlList(List<String> accessControlList) {
		this.accessControlList = accessControlList;
	}

	public Duration getWatchdog() {
		return this.watchdog;
	}

	public void setWatchdog(Duration watchdog) {
		this.watchdog = watchdog;
	}

	public Map<String, String> getExtraHeaders() {
		return this.extraHeaders;
	}

	public void setExtraHeaders(Map<String, String> extraHeaders) {
		this.extraHeaders = extraHeaders;
	}

	public Map<String, String> getOptions() {
		return this.options;
	}

	public void setOptions(Map<String, String> options) {
		this.options = options;
	}

	public SslProperties getSsl() {
		return this.ssl;
	}

	public StaticFilesProperties getStaticFiles() {
		return this.staticFiles;
	}

	public CompressionProperties getCompression() {
		return this.compression;
	}

	public AuthProperties getAuth() {
		return this.auth;
	}

	public AccessLogProperties getAccessLog() {
		return this.accessLog;
	}

	public CgiProperties getCgi() {
		return this.cgi;
	}

	public DavProperties getDav() {
		return this.dav;
	}

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public WebSocketProperties getWebsocket() {
		return this.websocket;
	}

	public SseProperties getSse() {
		return this.sse;
	}

	public WorkerProperties getWorker() {
		return this.worker;
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
