package io.mongoose.boot;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

import io.mongoose.OptionException;
import io.mongoose.PortBindException;
import io.mongoose.Server;

/**
 * The running Mongoose server: one or more {@link Server} instances sharing one listening
 * socket, each polled by its own non-daemon IO thread ({@code mongoose-io-N}). Started
 * and stopped by the auto-configuration's lifecycle beans; inject it to read the bound
 * port or the connection counts.
 *
 * @since 0.1.0
 */
public final class MongooseWebServer {

	private static final Log logger = LogFactory.getLog(MongooseWebServer.class);

	private final List<Server> servers;

	private final String listeningPort;

	private final int pollTimeoutMillis;

	private final Duration stopTimeout;

	private final Consumer<Server> initializer;

	private volatile Consumer<Throwable> loopFailureListener = (failure) -> {
	};

	private final Object monitor = new Object();

	private volatile List<PollLoop> loops = List.of();

	private volatile int port = -1;

	private volatile boolean listening = true;

	private boolean started;

	/**
	 * Creates a server that is not started yet.
	 * @param servers the server instances; the first one binds, the others share its
	 * socket (or, with {@code reuse_port}, bind the same addresses, each its own socket)
	 * @param listeningPort the {@code listening_port} value used if the first server does
	 * not listen yet when started
	 * @param pollTimeout the longest a poll waits for IO
	 * @param stopTimeout the longest {@link #stop()} waits for each IO thread
	 * @param initializer called for each server on start, before it listens (registers
	 * handlers)
	 */
	public MongooseWebServer(List<Server> servers, String listeningPort, Duration pollTimeout, Duration stopTimeout,
			Consumer<Server> initializer) {
		Assert.notEmpty(servers, "'servers' must not be empty");
		Assert.hasText(listeningPort, "'listeningPort' must not be empty");
		this.servers = List.copyOf(servers);
		this.listeningPort = listeningPort;
		this.pollTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, pollTimeout.toMillis()));
		this.stopTimeout = stopTimeout;
		this.initializer = initializer;
	}

	/**
	 * Sets what happens when an IO thread dies of a throwable that escaped its server:
	 * called on that thread once it has logged the failure and destroyed its server
	 * ({@link #isRunning()} is then false).
	 * @param listener receives the throwable
	 */
	public void setLoopFailureListener(Consumer<Throwable> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.loopFailureListener = listener;
	}

	/**
	 * Sets whether {@link #start()} binds the listening socket; without it the IO threads
	 * serve only in-memory connections ({@link io.mongoose.DirectClient}), for tests.
	 * @param listening false to bind no port
	 */
	public void setListening(boolean listening) {
		this.listening = listening;
	}

	/**
	 * Registers handlers, binds the listening socket and starts the IO threads.
	 * @throws MongoosePortInUseException if the port is in use
	 * @throws IllegalStateException if the server cannot listen or was already stopped
	 */
	public void start() {
		synchronized (this.monitor) {
			if (!this.loops.isEmpty()) {
				return;
			}
			Assert.state(!this.started, "A stopped Mongoose server cannot be restarted");
			this.started = true;
			long startNanos = System.nanoTime();
			this.servers.forEach(this.initializer);
			Server first = this.servers.get(0);
			if (this.listening && first.getListeningSocket() == null) {
				listen(first, this.listeningPort);
			}
			boolean reusePort = "yes".equalsIgnoreCase(first.getOption("reuse_port"));
			for (Server server : (first.getListeningSocket() != null) ? this.servers.subList(1, this.servers.size())
					: List.<Server>of()) {
				if (reusePort) {
					listen(server, boundPorts(first));
				}
				else {
					server.setListeningSocket(first.getListeningSocket());
				}
			}
			this.port = first.getLocalPort();
			List<PollLoop> started = new ArrayList<>();
			for (int i = 0; i < this.servers.size(); i++) {
				PollLoop loop = new PollLoop(this.servers.get(i), this.pollTimeoutMillis, "mongoose-io-" + (i + 1),
						(failure) -> this.loopFailureListener.accept(failure));
				loop.start();
				started.add(loop);
			}
			this.loops = List.copyOf(started);
			long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
			logger.info("Mongoose started " + (this.listening ? "on port " + ports(first) : "without a port") + " in "
					+ millis + " ms");
			if (logger.isDebugEnabled()) {
				logger.debug("Mongoose polls with " + this.loops.size() + " IO thread(s), poll timeout "
						+ this.pollTimeoutMillis + " ms");
			}
		}
	}

	/** Boot's wording: {@code 8080 (http), 8443 (https)}. */
	private static String ports(Server server) {
		StringBuilder text = new StringBuilder();
		for (Server.ListeningPort port : server.getListeningPorts()) {
			text.append((text.length() > 0) ? ", " : "")
				.append(port.port())
				.append(" (")
				.append(port.scheme())
				.append(")");
		}
		return text.toString();
	}

	/**
	 * The exact addresses the first server bound (ephemeral ports resolved): a wider
	 * address would not join its {@code SO_REUSEPORT} group.
	 */
	private static String boundPorts(Server server) {
		StringJoiner ports = new StringJoiner(",");
		for (Server.ListeningPort port : server.getListeningPorts()) {
			InetSocketAddress address = port.address();
			String host = address.getAddress().getHostAddress();
			ports.add(((address.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + port.port()
					+ (port.tls() ? "s" : ""));
		}
		return ports.toString();
	}

	private void listen(Server server, String listeningPort) {
		try {
			server.setOptions(Map.of("listening_port", listeningPort));
		}
		catch (PortBindException ex) {
			throw new MongoosePortInUseException(ex.port(), ex);
		}
		catch (OptionException ex) {
			throw new IllegalStateException("Mongoose cannot listen on '" + listeningPort + "': " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Starts a graceful shutdown on every IO thread: stop accepting, let in-flight
	 * requests finish, close WebSockets with 1001. The callback runs once all servers are
	 * idle or the timeout passed.
	 * @param timeout the longest to wait for in-flight requests
	 * @param callback called with {@code true} if all servers became idle in time
	 */
	public void shutDownGracefully(Duration timeout, Consumer<Boolean> callback) {
		List<PollLoop> current = this.loops;
		if (current.isEmpty()) {
			callback.accept(true);
			return;
		}
		logger.info("Commencing graceful shutdown. Waiting for active requests to complete");
		long deadline = System.nanoTime() + timeout.toNanos();
		List<CompletableFuture<Boolean>> drained = current.stream().map((loop) -> loop.drain(deadline)).toList();
		CompletableFuture.allOf(drained.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, ex) -> {
			boolean idle = drained.stream().allMatch((future) -> future.getNow(false));
			if (idle) {
				logger.info("Graceful shutdown complete");
			}
			else {
				logger.info("Graceful shutdown aborted with one or more requests still active");
			}
			callback.accept(idle);
		});
	}

	/**
	 * Stops the IO threads, destroys the servers on them (closing every connection and
	 * the listening socket) and waits for the threads to end.
	 */
	public void stop() {
		synchronized (this.monitor) {
			List<PollLoop> current = this.loops;
			this.loops = List.of();
			long deadline = System.nanoTime() + this.stopTimeout.toNanos();
			try {
				for (PollLoop loop : current) {
					long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
					if (!loop.stop(left)) {
						logger.warn("Mongoose IO thread '" + loop.threadName() + "' did not stop within "
								+ this.stopTimeout.toMillis() + " ms");
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.port = -1;
		}
	}

	/**
	 * Stops the server if it runs and releases the servers that never started (their
	 * selectors); called when the application context closes.
	 */
	public void close() {
		stop();
		for (Server server : this.servers) {
			if (!server.isDestroyed()) {
				try {
					server.destroy();
				}
				catch (RuntimeException ex) {
					logger.warn("Failed to destroy a Mongoose server", ex);
				}
			}
		}
	}

	/**
	 * Return whether the server was started and every IO thread still polls.
	 * @return whether the server runs
	 */
	public boolean isRunning() {
		List<PollLoop> current = this.loops;
		return !current.isEmpty() && current.stream().allMatch(PollLoop::isAlive);
	}

	/**
	 * Return the port the server listens on, or -1 when it does not run.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the server instances, one per IO thread. Only their thread-safe methods
	 * ({@code websocketBroadcast}, {@code iterateOverConnections}, {@code wakeup}) may be
	 * called once started.
	 * @return the servers
	 */
	public List<Server> getServers() {
		return this.servers;
	}

	/**
	 * Return the open client connections, WebSockets included, as of each IO thread's
	 * last poll.
	 * @return the connection count
	 */
	public int getConnectionCount() {
		return this.loops.stream().mapToInt(PollLoop::connections).sum();
	}

	/**
	 * Return the open WebSocket sessions, sampled about once a second.
	 * @return the WebSocket count
	 */
	public int getWebSocketCount() {
		return this.loops.stream().mapToInt(PollLoop::webSockets).sum();
	}

	/**
	 * Return the time since the least recent poll among the IO threads
	 * ({@link Duration#ZERO} when not running).
	 * @return the age of the oldest last poll
	 */
	public Duration getLastPollAge() {
		return Duration.ofNanos(this.loops.stream().mapToLong(PollLoop::nanosSinceLastPoll).max().orElse(0));
	}

}
