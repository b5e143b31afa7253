package io.mongoose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mongoose.cgi.CgiRunner;
import io.mongoose.dav.WebDav;
import io.mongoose.files.StaticFiles;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.HttpProtocol;
import io.mongoose.http.HttpSettings;
import io.mongoose.http.Routes;
import io.mongoose.net.EventManager;
import io.mongoose.net.NetConnection;
import io.mongoose.net.NetListener;
import io.mongoose.ws.WebSocketLayer;
import io.mongoose.ws.WebSocketSettings;

/**
 * A web server instance: its options, URI handlers and connections, served by whichever
 * thread calls {@link #poll(int)} in a loop. The Java form of the original's
 * {@code struct mg_server}.
 * <p>
 * Example: <pre>{@code
 * Server server = Server.create(null);
 * server.setOption("listening_port", "8080");
 * server.addUriHandler("/hello", conn -> {
 *     conn.sendReply(200, "text/plain", "Hello!");
 *     return Handler.Result.DONE;
 * });
 * server.start();   // a thread named mongoose-io-N polls it
 * ...
 * server.close();   // stops that thread and closes every connection
 * }</pre> The seed's own loop works too: call {@link #poll(int)} in a loop on a thread of
 * yours, then {@link #destroy()}. Threading: one thread owns a server, the one that polls
 * it; configuration methods called from any other thread while it polls throw
 * {@link IllegalStateException}. Only {@link #iterateOverConnections}, {@link #wakeup}
 * and the connections' {@code write} methods are safe from other threads. Several
 * servers, each polled by its own thread, may share one listening socket
 * ({@link #setListeningSocket}).
 * <p>
 * Over 400 lines because it is the whole public face of a server, the seed's API and this
 * port's additions, each method a thin, documented delegate to ServerOptions, the loop or
 * a layer.
 */
public final class Server implements AutoCloseable {

	private static final System.Logger log = System.getLogger(Server.class.getName());

	private static final AtomicInteger loopThreads = new AtomicInteger();

	/**
	 * The poll timeout of {@link #start()}'s loop: timers (timeouts, pings) are checked
	 * when a poll returns, so this bounds how late they fire on an idle server.
	 */
	private static final int LOOP_POLL_MILLIS = 50;

	/** The thread {@link #start()} made, or {@code null} while the caller polls. */
	private volatile Thread loop;

	private volatile boolean stopping;

	private final Object serverParam;

	private final EventManager manager;

	private final Routes routes = new Routes();

	private final HttpProtocol http;

	private final WebSocketLayer webSockets;

	/** The file pipeline, which also owns the server's digest authentication. */
	private final StaticFiles files;

	/** The named options, and the listeners, TLS context and access log they open. */
	private final ServerOptions options;

	private volatile boolean destroyed;

	private Server(Object serverParam) throws IOException {
		HttpSettings settings = new HttpSettings();
		WebSocketSettings webSocketSettings = new WebSocketSettings();
		// static files, CGI and WebDAV (io.mongoose.files, io.mongoose.cgi,
		// io.mongoose.dav): the fallback pipeline
		StaticFiles files = new StaticFiles();
		this.files = files;
		CgiRunner cgi = new CgiRunner(files);
		WebDav dav = new WebDav();
		this.serverParam = serverParam;
		this.manager = new EventManager();
		this.http = new HttpProtocol(serverParam, settings, this.routes);
		this.webSockets = new WebSocketLayer(webSocketSettings, settings);
		this.http.setUpgrader(this.webSockets, this.webSockets);
		this.http.setFallback(files);
		files.setScriptRunner(cgi);
		files.setMethodHandler(dav);
		this.options = new ServerOptions(this.manager, this.http, settings, webSocketSettings, files, cgi, dav);
	}

	/**
	 * Creates a server that does not listen yet: set {@code listening_port} to serve.
	 * @param serverParam any object, handed to every handler as
	 * {@link Connection#serverParam()}
	 */
	public static Server create(Object serverParam) {
		try {
			return new Server(serverParam);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open a selector", ex);
		}
	}

	// ---- options
	// --------------------------------------------------------------------------------

	/**
	 * Every option name with its default value ({@code null} when unset by default), in
	 * order.
	 */
	public static Map<String, String> validOptionNames() {
		return Option.defaults();
	}

	/**
	 * Sets an option; on the IO thread (or before polling starts). The seed's form of
	 * {@link #setOptions}: {@code setOption(name, value)} is
	 * {@code setOptions(Map.of(name, value))} with the exception's message returned.
	 * @return {@code null} on success, else a human-readable error and nothing changed
	 */
	public String setOption(String name, String value) {
		Map<String, String> one = new HashMap<>();
		one.put(name, value);
		try {
			setOptions(one);
			return null;
		}
		catch (OptionException | PortBindException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Applies a whole configuration at once, in any order: every value is checked first,
	 * then they are applied with {@code listening_port} last (so a TLS port may come with
	 * its {@code ssl_certificate}). On an error nothing changes: options already applied
	 * are put back. An empty or {@code null} value unsets the option. On the IO thread
	 * (or before polling starts).
	 * @param options option name to value; see {@link Option#all()}
	 * @throws OptionException for an unknown name, an invalid value or one that cannot be
	 * applied (a missing file, for example), naming the option
	 * @throws PortBindException if a {@code listening_port} cannot be bound
	 */
	public void setOptions(Map<String, String> options) {
		this.manager.checkInLoop("setOptions");
		this.options.configure(options);
	}

	/**
	 * Sets {@code document_root} to a directory on any {@link java.nio.file.FileSystem},
	 * for example inside a jar opened with {@code FileSystems.newFileSystem(jar)}; static
	 * files are then served from it with the same MIME types, validators and ranges. On
	 * the IO thread (or before polling starts), like {@link #setOption}.
	 * {@code getOption("document_root")} then returns the path (default file system) or
	 * its URI (any other).
	 * @param root the directory, or {@code null} to serve no files
	 * @return {@code null} on success, else a human-readable error and nothing changed
	 */
	public String setDocumentRoot(Path root) {
		this.manager.checkInLoop("setDocumentRoot");
		return this.options.setDocumentRoot(root);
	}

	/**
	 * @return the option's value, {@code ""} if it is not set, {@code null} for an
	 * unknown name
	 */
	public String getOption(String name) {
		return this.options.get(name);
	}

	/**
	 * Uses {@code context} for TLS listeners ({@code listening_port} entries with an
	 * {@code s} suffix) instead of an {@code ssl_certificate} file. Connections accepted
	 * from now on use it; open ones keep theirs. IO thread only (or before polling
	 * starts).
	 */
	public void setSslContext(javax.net.ssl.SSLContext context) {
		this.manager.checkInLoop("setSslContext");
		this.options.setSslContext(context);
	}

	/**
	 * Adds, changes or (with a null or empty password) deletes {@code user}'s line in a
	 * digest passwords file ({@code user:realm:md5(user:realm:password)}); creates the
	 * file if needed. Safe to call from several threads and processes at once: the file
	 * is locked and replaced atomically.
	 * @return true on success
	 */
	public static boolean modifyPasswordsFile(String file, String realm, String user, String password) {
		try {
			return file != null && PasswordsFile.modify(Path.of(file), realm, user, password);
		}
		catch (java.nio.file.InvalidPathException ex) {
			return false;
		}
	}

	// ---- serving
	// ------------------------------------------------------------------------------------

	/**
	 * One iteration of the IO loop: waits up to {@code milliseconds} for socket activity,
	 * does the IO that is ready and calls the handlers it completes.
	 * @return the current time in epoch seconds (a cheap clock for the caller's loop)
	 */
	public long poll(int milliseconds) {
		try {
			return this.manager.poll(milliseconds) / 1000;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("poll failed", ex);
		}
	}

	/**
	 * Routes requests whose decoded URI starts with {@code prefix} to {@code handler}.
	 * The longest matching prefix wins. A {@link Router} routes the requests below it
	 * further, by method and template.
	 * @throws IllegalArgumentException if {@code prefix} already has a handler
	 */
	public void addUriHandler(String prefix, Handler handler) {
		this.manager.checkInLoop("addUriHandler");
		register(prefix, handler, false);
	}

	/**
	 * {@link #addUriHandler} for whole path segments: {@code "/users"} serves
	 * {@code /users}, {@code /users/} and {@code /users/...}, never {@code /usersXYZ},
	 * which goes on to a shorter prefix.
	 * @throws IllegalArgumentException if {@code path} already has a handler
	 */
	public void addPathHandler(String path, Handler handler) {
		this.manager.checkInLoop("addPathHandler");
		register(path, handler, true);
	}

	private void register(String prefix, Handler handler, boolean wholeSegments) {
		if (handler instanceof EventStreamHandler streamHandler) {
			this.http.addEventStream(prefix, streamHandler);
		}
		if (!(handler instanceof Router router) || prefix == null) {
			this.routes.add(prefix, handler, null, wholeSegments);
			return;
		}
		MountedRouter mounted = router.mount(prefix);
		this.routes.add(prefix, handler, c -> {
			String path = c.routingPath();
			MountedRouter.Match match = mounted.find(c.requestMethod(), path);
			if (match == null) {
				return null;
			}
			c.setRoute(match.template(), mounted.captures(match, path));
			return match.handler();
		}, wholeSegments);
	}

	/**
	 * Runs the {@link Handler#blocking blocking} handlers on {@code executor} instead of
	 * the default pool ({@code worker_threads} daemon threads named
	 * {@code mongoose-worker-N} with a queue of {@code worker_queue_limit}, made on first
	 * use); {@code null} restores it. The executor must not run a task on the calling
	 * thread nor block it: to refuse a task it throws
	 * {@link java.util.concurrent.RejectedExecutionException}, and the request gets a
	 * {@code 503}. The server never shuts down an executor it was given. IO thread only
	 * (or before polling starts).
	 */
	public void setWorkerExecutor(java.util.concurrent.Executor executor) {
		this.manager.checkInLoop("setWorkerExecutor");
		this.http.setWorkerExecutor(executor);
	}

	/**
	 * Sets the handler for HTTP errors: {@link Connection#statusCode()} holds the error;
	 * it returns {@link Handler.Result#DONE} if it wrote the reply,
	 * {@link Handler.Result#NOT_HANDLED} for the default page.
	 */
	public void setHttpErrorHandler(Handler handler) {
		this.manager.checkInLoop("setHttpErrorHandler");
		this.http.setErrorHandler(handler);
	}

	/**
	 * Sets a hook that runs before any handler: it returns
	 * {@link Handler.Result#NOT_HANDLED} to let the request through, anything else after
	 * answering it (for example with a 401). For a request with a body it runs as soon as
	 * the head is parsed, before the body is read or {@code 100 Continue} is sent
	 * ({@link Connection#content()} is empty then); a refused request's connection closes
	 * with its body unread.
	 */
	public void setAuthHandler(Handler handler) {
		this.manager.checkInLoop("setAuthHandler");
		this.http.setAuthHandler(handler);
	}

	/**
	 * An authorization hook for {@link #setAuthHandler}: requests whose URI
	 * {@code uriFilter} accepts need HTTP Digest credentials (RFC 7616, MD5,
	 * {@code qop=auth}) of a user in {@code passwords} (see {@link PasswordsFile}) under
	 * {@code realm}; the others pass. A refused request gets a {@code 401} with a fresh
	 * challenge; a missing or empty file lets nobody in. Example: <pre>{@code
	 * server.setAuthHandler(server.digestAuthHandler(Path.of("/etc/app/passwords"), "example.com",
	 *         uri -> uri.startsWith("/admin")));
	 * }</pre>
	 */
	public Handler digestAuthHandler(Path passwords, String realm, Predicate<String> uriFilter) {
		return this.files.digestAuthHandler(passwords, realm, uriFilter);
	}

	/**
	 * Sets the observer of every request ({@code null}: none), which sees each request
	 * start and finish and opens a scope around each call of its handler, on the IO
	 * thread or the worker that makes it; for tracing. Set it before polling starts.
	 */
	public void setRequestObserver(RequestObserver observer) {
		this.manager.checkInLoop("setRequestObserver");
		this.http.setRequestObserver(observer);
	}

	/**
	 * Applies {@code policy} to every request but WebSocket upgrades: preflights are
	 * answered before the auth hook and any handler, replies to allowed origins carry the
	 * CORS headers; {@code null} turns CORS off (the default).
	 */
	public void setCorsPolicy(CorsPolicy policy) {
		this.manager.checkInLoop("setCorsPolicy");
		this.http.setPreflightHandler((policy != null) ? policy::apply : null);
	}

	/** Adds a listener told about every finished request (for logs and metrics). */
	public void addRequestListener(RequestListener listener) {
		this.http.addRequestListener(listener);
	}

	/**
	 * Calls {@code callback} on the IO thread for every live client connection; safe from
	 * any thread, never blocks the caller. Writes inside the callback are queued as
	 * usual.
	 * @return completes with the number of connections visited
	 */
	public CompletableFuture<Integer> iterateOverConnections(Consumer<Connection> callback) {
		return onLoop(0, () -> {
			int count = 0;
			for (NetConnection net : this.manager.connections().toArray(new NetConnection[0])) {
				if (!net.isClosed() && net.attachment() instanceof HttpConnection connection) {
					try {
						callback.accept(connection);
					}
					catch (RuntimeException ex) {
						log.log(Level.ERROR, "iterateOverConnections callback failed", ex);
					}
					count++;
				}
			}
			return count;
		});
	}

	/**
	 * Runs {@code task} on the IO thread (now if this is it) and completes with its
	 * result; with {@code ifDestroyed} on a destroyed server, or one destroyed before the
	 * task ran.
	 */
	private <T> CompletableFuture<T> onLoop(T ifDestroyed, java.util.function.Supplier<T> task) {
		CompletableFuture<T> done = new CompletableFuture<>();
		if (this.destroyed) {
			done.complete(ifDestroyed);
		}
		else if (this.manager.inLoop() && !this.manager.isClosed()) {
			done.complete(task.get());
		}
		else {
			this.manager.execute(() -> done.complete(task.get()), () -> done.complete(ifDestroyed));
		}
		return done;
	}

	/**
	 * Starts a graceful shutdown: stops accepting, closes idle connections, lets requests
	 * in flight finish (then closes their connections) and closes WebSockets with 1001
	 * Going Away and ends event streams (their body ends, then they close). A request on
	 * a worker or suspended is in flight: its connection stays open (and counted) until
	 * it is answered. Keep polling until {@link #connectionCount()} is 0 or your grace
	 * period ends, then {@link #destroy()}. IO thread only.
	 */
	public void drain() {
		this.manager.checkInLoop("drain");
		this.options.closeListeners();
		this.manager.forEach(this.http::drain);
	}

	/** Open client connections (WebSockets included); IO thread only. */
	public int connectionCount() {
		this.manager.checkInLoop("connectionCount");
		return this.manager.connections().size();
	}

	/**
	 * Sends one WebSocket frame to every open WebSocket whose URI starts with
	 * {@code uriPrefix} (all when {@code null}) and that {@code filter} accepts (all when
	 * {@code null}); safe from any thread, never blocks. The frame is encoded once and
	 * queued on the IO thread; with permessage-deflate it is compressed once for all the
	 * recipients that keep no server context, and by each one that keeps one.
	 * @param opcode 1 text, 2 binary
	 * @return completes on the IO thread with how many were reached and skipped
	 */
	public CompletableFuture<BroadcastResult> websocketBroadcast(String uriPrefix,
			java.util.function.Predicate<Connection> filter, int opcode, byte[] data) {
		int[] counts = new int[3];
		java.util.function.ToIntFunction<Connection> send = this.webSockets.broadcast(opcode, data);
		return iterateOverConnections(c -> {
			if (c.isWebSocket() && !c.isClosed() && (uriPrefix == null || c.uri().startsWith(uriPrefix))
					&& (filter == null || filter.test(c))) {
				int n = send.applyAsInt(c);
				counts[(n > 0) ? 0 : (n == 0) ? 1 : 2]++;
			}
		}).thenApply(n -> new BroadcastResult(counts[0], counts[1], counts[2]));
	}

	/**
	 * Sends one Server-Sent Event to every open event stream ({@link EventStreamHandler})
	 * whose URI starts with {@code uriPrefix} (all when {@code null}) and that
	 * {@code filter} accepts (all when {@code null}); safe from any thread, never blocks.
	 * The event is encoded once and queued on the IO thread; an event with an id sent
	 * without a filter is also kept for the replay to clients that reconnect with
	 * {@code Last-Event-ID} ({@code sse_replay_size}). A stream whose send queue is full
	 * is skipped or closed as {@code websocket_slow_reader} says.
	 * @return completes on the IO thread with how many were reached and skipped
	 */
	public CompletableFuture<BroadcastResult> eventBroadcast(String uriPrefix, Predicate<Connection> filter,
			ServerSentEvent event) {
		if (event == null) {
			throw new IllegalArgumentException("event must not be null");
		}
		return onLoop(new BroadcastResult(0, 0, 0), () -> this.http.broadcastEvent(uriPrefix, filter, event));
	}

	/** Makes a blocked {@link #poll} return early; safe from any thread. */
	public void wakeup() {
		this.manager.wakeup();
	}

	/**
	 * The (first plain) socket this server listens on, to share with other servers;
	 * {@code null} if none.
	 */
	public ServerSocketChannel getListeningSocket() {
		for (NetListener listener : this.options.listeners()) {
			if (!listener.isSecure()) {
				return listener.channel();
			}
		}
		return null;
	}

	/**
	 * Also accepts on {@code socket}, which another server opened: several servers, each
	 * polled by its own thread, then share the load of one port.
	 */
	public void setListeningSocket(ServerSocketChannel socket) {
		this.manager.checkInLoop("setListeningSocket");
		try {
			this.options.adopt(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on the shared socket", ex);
		}
	}

	/**
	 * The port this server listens on (the first one of {@code listening_port}), or -1.
	 */
	public int getLocalPort() {
		List<NetListener> listeners = this.options.listeners();
		InetSocketAddress address = listeners.isEmpty() ? null : listeners.get(0).localAddress();
		return (address != null) ? address.getPort() : -1;
	}

	/** One bound listening socket: its real address and whether it speaks TLS. */
	public record ListeningPort(InetSocketAddress address, boolean tls) {

		public int port() {
			return this.address.getPort();
		}

		/** {@code "https"} or {@code "http"}. */
		public String scheme() {
			return this.tls ? "https" : "http";
		}

	}

	/**
	 * Every socket this server listens on, in {@code listening_port} order (real ports).
	 */
	public List<ListeningPort> getListeningPorts() {
		List<ListeningPort> ports = new ArrayList<>();
		for (NetListener listener : this.options.listeners()) {
			InetSocketAddress address = listener.localAddress();
			if (address != null) {
				ports.add(new ListeningPort(address, listener.isSecure()));
			}
		}
		return ports;
	}

	public Object serverParam() {
		return this.serverParam;
	}

	/**
	 * Starts a daemon thread, {@code mongoose-io-N}, that polls this server until
	 * {@link #close()}, waking at least every 50 ms for its timers; configure the server
	 * before. A failure that escapes a poll is logged and ends the thread, closing the
	 * server.
	 * @return this server
	 * @throws IllegalStateException if it was started or destroyed already
	 */
	public synchronized Server start() {
		if (this.loop != null || this.destroyed) {
			throw new IllegalStateException(
					"start: the server was " + (this.destroyed ? "destroyed" : "started") + " already");
		}
		Thread thread = new Thread(() -> {
			try {
				run(LOOP_POLL_MILLIS, () -> true);
			}
			catch (Throwable ex) { // the loop is gone: say so once
				log.log(Level.ERROR, "The IO thread of " + this + " failed; the server is closed", ex);
			}
		}, "mongoose-io-" + loopThreads.incrementAndGet());
		thread.setDaemon(true);
		this.loop = thread;
		thread.start();
		return this;
	}

	/**
	 * The loop of {@link #start()} on the calling thread, for a caller that owns its IO
	 * thread: polls, waiting up to {@code pollMillis} each time, until {@link #close()}
	 * or until {@code keepPolling} returns false, then destroys the server. A throwable
	 * that escapes a poll (or {@code keepPolling}) destroys the server and is rethrown.
	 * @param keepPolling asked on the IO thread before each poll; the place for the
	 * caller's own work between polls
	 * @throws IllegalStateException if another thread polls it or it was destroyed
	 */
	public void run(int pollMillis, BooleanSupplier keepPolling) {
		synchronized (this) {
			Thread current = Thread.currentThread();
			if (this.destroyed || (this.loop != null && this.loop != current)) {
				throw new IllegalStateException(
						"run: the server was " + (this.destroyed ? "destroyed" : "started") + " already");
			}
			this.loop = current;
		}
		try {
			while (!this.stopping && keepPolling.getAsBoolean()) {
				poll(pollMillis);
			}
		}
		finally {
			destroy();
		}
	}

	/**
	 * Runs {@code task} on the IO thread: at once when called there, else as soon as the
	 * loop wakes (it is woken). Any thread; the way to reconfigure a started server.
	 * @param task what to run
	 */
	public void execute(Runnable task) {
		this.manager.execute(task);
	}

	/**
	 * A connection without a socket to this server's handlers, for {@link DirectClient}
	 * (see {@code EventManager.openInMemory}); IO thread only.
	 */
	java.nio.channels.ByteChannel openInMemory(Runnable onOutput) {
		return this.manager.openInMemory(this.http, onOutput);
	}

	/**
	 * The client's end of an {@link #openInMemory} connection after its {@code 101}, as a
	 * WebSocket client on this loop, for {@link DirectWebSocket} (see
	 * {@code WebSocketLayer.openInMemoryClient}); IO thread only.
	 */
	ClientWebSocket openInMemoryWebSocket(java.nio.channels.ByteChannel end, byte[] unread, String key,
			List<Header> handshake, ClientWebSocket.Listener listener) {
		return this.webSockets.openInMemoryClient(this.manager, end, unread, key, handshake, listener);
	}

	/** Whether the caller may poll: it polls this server, or no live thread does. */
	boolean mayPoll() {
		return this.manager.inLoop();
	}

	/**
	 * Closes a server: one {@link #start() started} is stopped and its thread joined
	 * (from any thread but its own); otherwise this is {@link #destroy()}, on the thread
	 * that polled it.
	 * @throws IllegalStateException if the loop thread does not end within 10 seconds
	 */
	@Override
	public void close() {
		Thread thread = this.loop;
		if (thread == null || thread == Thread.currentThread()) {
			this.stopping = true;
			destroy();
			return;
		}
		this.stopping = true;
		this.manager.wakeup();
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			throw new IllegalStateException("close: the IO thread " + thread.getName() + " did not stop within 10 s");
		}
	}

	/**
	 * Stops listening, flushes pending output and lets blocking handlers still running
	 * return for up to a second, then closes every connection and stops the default
	 * worker pool. Call it from the polling thread once it stopped polling (or from the
	 * thread that joined it).
	 */
	public void destroy() {
		if (this.destroyed) {
			return;
		}
		this.manager.checkInLoop("destroy");
		this.options.closeListeners();
		long deadline = System.currentTimeMillis() + 1000;
		try {
			while ((hasPendingOutput() || this.http.runningOnWorkers() > 0) && System.currentTimeMillis() < deadline) {
				this.manager.poll(10);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.log(Level.DEBUG, "final flush failed: " + ex);
		}
		this.destroyed = true;
		this.manager.close();
		this.http.shutdownWorkers();
		this.options.closeAccessLog();
	}

	private boolean hasPendingOutput() {
		for (NetConnection connection : this.manager.connections()) {
			if (connection.hasPendingOutput()) {
				return true;
			}
		}
		return false;
	}

	public boolean isDestroyed() {
		return this.destroyed;
	}

	/** The loop, for a {@link Client} on this server's IO thread. */
	EventManager eventManager() {
		return this.manager;
	}

}
