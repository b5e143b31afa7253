package io.mongoose.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The event loop: one {@link Selector}, the connections and listeners registered with it,
 * and a lock-free queue through which other threads hand work to the IO thread. Listening
 * and accepting are delegated to an {@link Acceptor}; accepted clients become connections
 * here.
 * <p>
 * One thread owns a manager: the one that calls {@link #poll}. Only {@link #execute},
 * {@link #wakeup} and {@link NetConnection#write} may be called from other threads.
 * <p>
 * Over 400 lines because it is the loop: the selector, the connection list, the task
 * queue and the sweep run in one poll and share its state; listening and accepting
 * (Acceptor), name resolution (Resolver) and the watchdog are classes of their own.
 */
public final class EventManager implements AutoCloseable {

	private static final System.Logger log = System.getLogger(EventManager.class.getName());

	final BufferPool pool = new BufferPool();

	private final Selector selector;

	/** The listeners, and the accepting of clients onto this loop. */
	private final Acceptor acceptor;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	private final ArrayList<NetConnection> connections = new ArrayList<>();

	private final ArrayList<NetConnection> dirty = new ArrayList<>();

	/** TLS connections holding decoded input that no socket event would announce. */
	private ArrayList<NetConnection> pendingReads = new ArrayList<>();

	private ArrayList<NetConnection> readsInProgress = new ArrayList<>();

	/**
	 * Connections that asked for {@link Event#POLL} on the next iteration
	 * ({@link NetConnection#pollSoon}).
	 */
	private ArrayList<NetConnection> pollRequests = new ArrayList<>();

	private ArrayList<NetConnection> pollsInProgress = new ArrayList<>();

	/** Sockets closed in this iteration, whose keys the next select deregisters. */
	private ArrayList<SocketChannel> closing = new ArrayList<>();

	private ArrayList<SocketChannel> closingNext = new ArrayList<>();

	/**
	 * The millisecond of the last full sweep: timeouts and timers have no finer
	 * resolution.
	 */
	private long lastSweepMillis = Long.MIN_VALUE;

	private volatile Thread owner;

	private volatile boolean closed;

	private long sendLimit = 8L * 1024 * 1024;

	private long sendTimeoutMillis;

	/**
	 * {@link System#nanoTime()} when the current iteration started doing IO; 0 while
	 * waiting.
	 */
	volatile long busySinceNanos;

	private final Consumer<SelectionKey> onReady = this::ready;

	/** The time IO started in this poll; 0 until the first ready key. */
	private long ioNow;

	public EventManager() throws IOException {
		this.selector = Selector.open();
		this.acceptor = new Acceptor(this, this.selector);
	}

	// ---- threads
	// ------------------------------------------------------------------------------

	/**
	 * Whether the caller may touch loop state: it is the polling thread, or nobody polls
	 * yet.
	 */
	public boolean inLoop() {
		Thread current = this.owner;
		return current == null || current == Thread.currentThread() || !current.isAlive();
	}

	/** Throws unless called on the IO thread; {@code method} names the offending call. */
	public void checkInLoop(String method) {
		if (!inLoop()) {
			throw new IllegalStateException(method + " must be called on the IO thread ('" + this.owner.getName()
					+ "') that polls this server; from other threads use write(), websocketWrite() or "
					+ "iterateOverConnections()");
		}
	}

	/**
	 * Runs {@code task} on the IO thread at the next poll; dropped if the loop is closed
	 * or closes first.
	 */
	public void execute(Runnable task) {
		if (this.closed) {
			return;
		}
		this.tasks.add(task);
		wakeup();
	}

	/**
	 * Runs {@code task} on the IO thread at the next poll, or else {@code ifClosed},
	 * once: on the calling thread when the loop is closed already, on the closing thread
	 * when it closes before the task ran. For work that must not be lost silently, such
	 * as a task that completes a future.
	 */
	public void execute(Runnable task, Runnable ifClosed) {
		Rejectable rejectable = new Rejectable(task, ifClosed);
		if (!this.closed) {
			this.tasks.add(rejectable);
			wakeup();
			// close() sets the flag before it drains the queue: a task added after that
			// drain is taken back here; whichever removes it first runs ifClosed
			if (!this.closed || !this.tasks.remove(rejectable)) {
				return;
			}
		}
		ifClosed.run();
	}

	/** A task with what to do instead when the loop closes before it runs. */
	private record Rejectable(Runnable task, Runnable ifClosed) implements Runnable {

		@Override
		public void run() {
			this.task.run();
		}

	}

	/**
	 * Interrupts a blocked {@link #poll}; coalesced so a burst of writes costs one
	 * wakeup.
	 */
	public void wakeup() {
		if (this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	// ---- configuration
	// ------------------------------------------------------------------------

	public void setSendLimit(long bytes) {
		this.sendLimit = bytes;
	}

	/**
	 * Checks every accepted client before anything is read or written: a refused client
	 * is closed at once, without a reply (the access control list). {@code null} accepts
	 * all.
	 */
	public void setAcceptFilter(java.util.function.Predicate<InetSocketAddress> filter) {
		this.acceptor.setFilter(filter);
	}

	/**
	 * A connection with output pending that the peer has not read for this long is closed
	 * (slow-read defence); 0 disables.
	 */
	public void setSendTimeout(long millis) {
		this.sendTimeoutMillis = millis;
	}

	/**
	 * Logs a warning when one poll iteration runs longer than this (a handler that
	 * blocks).
	 */
	public void setStallWarning(long millis) {
		LoopWatchdog.INSTANCE.watch(this, millis);
	}

	Thread owner() {
		return this.owner;
	}

	/**
	 * Whether sockets bound from now on set {@code SO_REUSEPORT}: several managers then
	 * bind the same port, each its own socket, and the kernel spreads connections among
	 * them.
	 * @throws UnsupportedOperationException where the platform has no such option
	 */
	public void setReusePort(boolean reusePort) throws IOException {
		this.acceptor.setReusePort(reusePort);
	}

	/** Above this many connections accepting pauses until one closes. */
	public void setMaxConnections(int max) {
		this.acceptor.setMaxConnections(max);
	}

	// ---- sockets
	// --------------------------------------------------------------------------------

	/** Binds and listens; accepted connections start with {@code handler}. */
	public NetListener listen(InetSocketAddress address, EventHandler handler) throws IOException {
		return listen(address, handler, null);
	}

	/**
	 * Binds and listens; each accepted socket is wrapped by {@code transports} (TLS)
	 * before {@link Event#ACCEPT}, or stays plain when it is {@code null}.
	 */
	public NetListener listen(InetSocketAddress address, EventHandler handler, Transport.Factory transports)
			throws IOException {
		checkInLoop("listen");
		return this.acceptor.listen(address, handler, transports);
	}

	/**
	 * Also accepts on a socket that another manager listens on (one thread per manager).
	 */
	public NetListener adopt(ServerSocketChannel channel, EventHandler handler) throws IOException {
		checkInLoop("adopt");
		return this.acceptor.adopt(channel, handler);
	}

	public void stopListening(NetListener listener) {
		checkInLoop("stopListening");
		this.acceptor.stop(listener);
	}

	public List<NetListener> listeners() {
		return this.acceptor.listeners();
	}

	/**
	 * Starts an outbound connection; the handler gets {@link Event#CONNECT} with 0 or an
	 * error code on a later poll.
	 */
	public NetConnection connect(InetSocketAddress address, EventHandler handler) throws IOException {
		checkInLoop("connect");
		NetConnection connection = open(address, handler, null);
		startConnect(connection, address);
		return connection;
	}

	/**
	 * Starts an outbound connection to a host name: it is resolved on a resolver thread,
	 * never on this one, then connected here. The handler gets {@link Event#CONNECT} on a
	 * later poll with 0, an error code, or {@value ConnectErrors#UNRESOLVED} when the
	 * name did not resolve. {@code transports} wraps the socket (TLS), or is
	 * {@code null}.
	 */
	public NetConnection connect(String host, int port, EventHandler handler, Transport.Factory transports)
			throws IOException {
		checkInLoop("connect");
		InetSocketAddress unresolved = InetSocketAddress.createUnresolved(host, port);
		NetConnection connection = open(unresolved, handler, transports);
		connection.resolving = true;
		Resolver.resolve(host).whenComplete((address, failure) -> execute(() -> {
			connection.resolving = false;
			if (connection.isClosed()) {
				return;
			}
			if (failure != null) {
				connected(connection, ConnectErrors.UNRESOLVED);
			}
			else {
				startConnect(connection, new InetSocketAddress(address, port));
			}
		}));
		return connection;
	}

	/** A registered connection whose connect has not started. */
	private NetConnection open(InetSocketAddress remote, EventHandler handler, Transport.Factory transports)
			throws IOException {
		SocketChannel channel = SocketChannel.open();
		SelectionKey key;
		Transport transport;
		try {
			channel.configureBlocking(false);
			key = channel.register(this.selector, 0);
			transport = (transports != null) ? transports.create(channel, remote) : null;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
		NetConnection connection = new NetConnection(this, channel, key, handler, remote, this.sendLimit);
		connection.setTransport(transport);
		connection.connecting = true;
		key.attach(connection);
		add(connection);
		return connection;
	}

	private void startConnect(NetConnection connection, InetSocketAddress address) {
		try {
			connection.updateInterest();
			if (connection.channel.connect(address)) {
				connection.connecting = false;
				execute(() -> connected(connection, 0));
			}
		}
		catch (IOException | RuntimeException ex) {
			// no connect is pending now: a selected OP_CONNECT would make finishConnect
			// throw
			connection.key.interestOps(0);
			int code = ConnectErrors.codeOf(ex);
			execute(() -> {
				connection.connecting = false;
				connected(connection, code);
			});
		}
	}

	private void connected(NetConnection connection, int code) {
		if (connection.isClosed()) {
			return;
		}
		connection.updateInterest();
		dispatch(connection, Event.CONNECT, code);
		if (code == 0 && connection.hasPendingOutput()) {
			markWritable(connection); // TLS: queued output starts the handshake
		}
		if (code != 0) {
			close(connection);
		}
	}

	/**
	 * Takes over a client that the {@link Acceptor} let in, and announces it with
	 * {@link Event#ACCEPT}.
	 */
	void accepted(SocketChannel channel, InetSocketAddress remote, EventHandler handler, Transport transport, long now)
			throws IOException {
		SelectionKey key = channel.register(this.selector, SelectionKey.OP_READ);
		NetConnection connection = new NetConnection(this, channel, key, handler, remote, this.sendLimit);
		connection.setTransport(transport);
		connection.lastIoMillis = now;
		key.attach(connection);
		add(connection);
		dispatch(connection, Event.ACCEPT, remote);
		if (transport == null && !connection.isClosed() && connection.wantsInput()) {
			// a client usually sends its request with the handshake's last packet: read
			// it now, and a reply that closes the connection may then be written and
			// closed before the key's registration ever reaches epoll
			try {
				read(connection, now);
			}
			catch (IOException ex) {
				log.log(Level.DEBUG, () -> connection + ": " + ex);
				close(connection);
			}
		}
	}

	/**
	 * Opens a connection without a socket (tests of handlers without a port): it gets
	 * {@link Event#ACCEPT} with {@code handler} like an accepted client, and the returned
	 * channel is the client's end, IO thread only: what is written to it is the
	 * connection's input; reading it gives what the server wrote (-1 once it closed);
	 * closing it ends the input. {@code onOutput} runs on the IO thread whenever the
	 * server wrote or closed.
	 */
	public ByteChannel openInMemory(EventHandler handler, Runnable onOutput) {
		checkInLoop("openInMemory");
		MemoryTransport transport = new MemoryTransport(this, onOutput);
		NetConnection connection = new NetConnection(this, null, null, handler, MemoryTransport.ADDRESS,
				this.sendLimit);
		connection.setTransport(transport);
		transport.attachTo(connection);
		add(connection);
		dispatch(connection, Event.ACCEPT, MemoryTransport.ADDRESS);
		return transport.peer();
	}

	/**
	 * Makes the client's end of an {@link #openInMemory} connection a connection of this
	 * loop with {@code handler}, as a socket an outbound client connected (no
	 * {@link Event#CONNECT}): what the server writes is its input, after {@code unread}
	 * (bytes the client already read from the end), and what it writes is the server's
	 * input; closing one side ends the other's input. From then on the end's
	 * {@code onOutput} is no longer called. IO thread only.
	 * @param end the channel {@link #openInMemory} returned
	 */
	public NetConnection adoptInMemoryPeer(ByteChannel end, byte[] unread, EventHandler handler) {
		checkInLoop("adoptInMemoryPeer");
		if (!(end instanceof MemoryTransport.Peer peer)) {
			throw new IllegalArgumentException("not the end of an in-memory connection: " + end);
		}
		NetConnection connection = new NetConnection(this, null, null, handler, MemoryTransport.ADDRESS,
				this.sendLimit);
		connection.setTransport(new PeerTransport(peer, unread));
		peer.server().adoptedBy(connection);
		add(connection);
		connection.updateInterest(); // reads what is already there
		return connection;
	}

	// ---- the loop
	// --------------------------------------------------------------------------------

	/**
	 * One iteration: wait up to {@code timeoutMillis} for IO, run queued tasks, do the IO
	 * that is ready, then deliver {@link Event#POLL} and timers to every connection, at
	 * most once per millisecond: a busy loop runs many iterations a millisecond, and
	 * visiting every idle connection on each cost more than the requests themselves. A
	 * connection that must be polled on the very next iteration asks with
	 * {@link NetConnection#pollSoon()}.
	 * @return the current time in epoch millis
	 */
	public long poll(int timeoutMillis) throws IOException {
		claim();
		if (this.closed) {
			return System.currentTimeMillis();
		}
		this.ioNow = 0;
		if (!this.closing.isEmpty()) {
			// the select deregisters their keys first; IO it finds runs after the close
			ArrayList<SocketChannel> deregistered = this.closing;
			this.closing = this.closingNext;
			this.closingNext = deregistered;
			this.selector.selectNow(this.onReady);
			closeAll(deregistered);
		}
		else if (!this.tasks.isEmpty() || !this.dirty.isEmpty() || !this.pendingReads.isEmpty() || timeoutMillis <= 0) {
			this.selector.selectNow(this.onReady);
		}
		else {
			this.selector.select(this.onReady, timeoutMillis);
		}
		this.wakeupPending.set(false);
		long now = (this.ioNow != 0) ? this.ioNow : System.currentTimeMillis();
		if (this.busySinceNanos == 0) {
			this.busySinceNanos = System.nanoTime();
		}
		runTasks();
		if (!this.pendingReads.isEmpty()) {
			readPending(now);
		}
		flushDirty();
		if (now != this.lastSweepMillis) {
			this.lastSweepMillis = now;
			sweep(now);
		}
		else if (!this.pollRequests.isEmpty()) {
			pollRequested(now);
		}
		this.busySinceNanos = 0;
		return now;
	}

	/**
	 * Handles one ready key, during the select (no selected-key set to walk and clear).
	 */
	private void ready(SelectionKey key) {
		if (this.ioNow == 0) {
			this.ioNow = System.currentTimeMillis();
			this.busySinceNanos = System.nanoTime();
		}
		if (!key.isValid()) {
			return;
		}
		if (key.attachment() instanceof NetListener listener) {
			this.acceptor.acceptAll(listener, this.ioNow);
		}
		else {
			handleIo((NetConnection) key.attachment(), key, this.ioNow);
		}
	}

	private void claim() {
		Thread current = Thread.currentThread();
		Thread previous = this.owner;
		if (previous != current) {
			if (previous != null && previous.isAlive()) {
				throw new IllegalStateException("poll() called from '" + current.getName() + "' but '"
						+ previous.getName() + "' polls this server: exactly one thread may poll a server");
			}
			this.owner = current;
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.log(Level.ERROR, "task queued for the IO thread failed", ex);
			}
		}
	}

	private void handleIo(NetConnection connection, SelectionKey key, long now) {
		try {
			int ready = key.readyOps();
			if (connection.connecting) {
				if ((ready & SelectionKey.OP_CONNECT) != 0) {
					finishConnect(connection);
				}
				return;
			}
			if ((ready & SelectionKey.OP_READ) != 0) {
				read(connection, now);
			}
			if ((ready & SelectionKey.OP_WRITE) != 0 && !connection.isClosed()) {
				flush(connection, now);
			}
		}
		catch (IOException ex) {
			log.log(Level.DEBUG, () -> connection + ": " + ex);
			close(connection);
		}
	}

	private void read(NetConnection connection, long now) throws IOException {
		int n = connection.readFromSocket();
		if (n > 0) {
			connection.lastIoMillis = now;
			dispatch(connection, Event.RECV, n);
		}
		else if (n < 0) {
			connection.updateInterest();
			dispatch(connection, Event.RECV, 0);
		}
		if (connection.transport() != null && !connection.isClosed()) {
			// the TLS layer may hold more decoded input, or handshake bytes for the
			// socket
			connection.updateInterest();
			if (connection.hasPendingOutput()) {
				markWritable(connection);
			}
		}
	}

	/** Queues a read of input the TLS layer already holds; IO thread only. */
	void markReadable(NetConnection connection) {
		if (!connection.pendingRead) {
			connection.pendingRead = true;
			this.pendingReads.add(connection);
		}
	}

	private void readPending(long now) {
		ArrayList<NetConnection> batch = this.pendingReads;
		this.pendingReads = this.readsInProgress;
		this.readsInProgress = batch;
		for (NetConnection connection : batch) {
			connection.pendingRead = false;
			if (!connection.isClosed()) {
				try {
					read(connection, now);
				}
				catch (IOException ex) {
					log.log(Level.DEBUG, () -> connection + ": " + ex);
					close(connection);
				}
			}
		}
		batch.clear();
	}

	private void finishConnect(NetConnection connection) {
		int code;
		try {
			connection.channel.finishConnect();
			code = 0;
		}
		catch (IOException | RuntimeException ex) { // NoConnectionPendingException too:
													// always a CONNECT event
			code = ConnectErrors.codeOf(ex);
		}
		connection.connecting = false;
		connected(connection, code);
	}

	void markWritable(NetConnection connection) {
		if (connection.dirty) {
			return;
		}
		connection.dirty = true;
		this.dirty.add(connection);
		if (!inLoopThread()) {
			wakeup();
		}
	}

	private boolean inLoopThread() {
		return this.owner == Thread.currentThread();
	}

	private void flushDirty() {
		for (int i = 0; i < this.dirty.size(); i++) {
			NetConnection connection = this.dirty.get(i);
			connection.dirty = false;
			if (!connection.isClosed() && !connection.connecting) {
				try {
					flush(connection, System.currentTimeMillis());
				}
				catch (IOException ex) {
					log.log(Level.DEBUG, () -> connection + ": " + ex);
					close(connection);
				}
			}
		}
		this.dirty.clear();
	}

	private void flush(NetConnection connection, long now) throws IOException {
		if (connection.hasPendingOutput()) {
			long n = connection.flush();
			if (n > 0) {
				connection.lastIoMillis = now;
				connection.lastSendMillis = now;
				connection.updateInterest();
				dispatch(connection, Event.SEND, (int) Math.min(n, Integer.MAX_VALUE));
			}
		}
		if (!connection.isClosed()) {
			if (connection.shouldCloseNow()) {
				close(connection);
			}
			else {
				connection.updateInterest();
			}
		}
	}

	/** Queues {@link Event#POLL} for the next iteration; IO thread only. */
	void requestPoll(NetConnection connection) {
		if (!connection.pollRequested) {
			connection.pollRequested = true;
			this.pollRequests.add(connection);
		}
	}

	private void pollRequested(long now) {
		ArrayList<NetConnection> batch = this.pollRequests;
		this.pollRequests = this.pollsInProgress;
		this.pollsInProgress = batch;
		Long boxedNow = now;
		for (NetConnection connection : batch) {
			connection.pollRequested = false;
			dispatch(connection, Event.POLL, boxedNow);
			if (!connection.isClosed() && connection.shouldCloseNow()) {
				close(connection);
			}
		}
		batch.clear();
		if (!this.dirty.isEmpty()) {
			flushDirty();
		}
	}

	private void sweep(long now) {
		this.acceptor.tick(now);
		for (NetConnection connection : this.pollRequests) {
			connection.pollRequested = false; // the sweep polls them all
		}
		this.pollRequests.clear();
		Long boxedNow = now;
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i >= this.connections.size()) {
				continue;
			}
			NetConnection connection = this.connections.get(i);
			dispatch(connection, Event.POLL, boxedNow);
			long timer = connection.timerMillis;
			if (timer != 0 && now >= timer && !connection.isClosed()) {
				connection.timerMillis = 0;
				dispatch(connection, Event.TIMER, timer);
			}
			if (!connection.isClosed() && (connection.shouldCloseNow() || sendStalled(connection, now))) {
				close(connection);
			}
		}
		if (!this.dirty.isEmpty()) {
			flushDirty();
		}
	}

	private boolean sendStalled(NetConnection connection, long now) {
		if (this.sendTimeoutMillis <= 0 || !connection.hasPendingOutput()
				|| now - connection.lastSendMillis <= this.sendTimeoutMillis) {
			return false;
		}
		log.log(Level.INFO, () -> connection + ": closed, the peer read nothing for " + this.sendTimeoutMillis
				+ " ms (send_timeout_ms) with " + connection.queuedBytes() + " bytes queued");
		return true;
	}

	private void dispatch(NetConnection connection, Event event, Object data) {
		if (connection.isClosed() && event != Event.CLOSE) {
			return;
		}
		try {
			connection.fire(event, data);
		}
		catch (RuntimeException ex) {
			log.log(Level.ERROR, connection + ": handler failed on " + event + ", closing the connection", ex);
			if (event != Event.CLOSE) {
				close(connection);
			}
		}
	}

	private void add(NetConnection connection) {
		connection.index = this.connections.size();
		this.connections.add(connection);
	}

	/**
	 * Closes at once for the handlers: cancels the key and delivers {@link Event#CLOSE};
	 * the socket itself is closed right after the next select deregistered its key.
	 */
	public void close(NetConnection connection) {
		if (connection.isClosed()) {
			return;
		}
		Transport transport = connection.transport();
		if (transport != null) {
			transport.close();
		}
		boolean peerMaySend = connection.unreadInput || connection.recvLength() > 0; // before
																						// the
																						// buffer
																						// goes
		connection.markClosed();
		if (connection.channel != null) {
			connection.key.cancel();
			if (peerMaySend) {
				shutdownOutput(connection.channel);
			}
			this.closing.add(connection.channel);
		}
		int i = connection.index;
		if (i >= 0 && i < this.connections.size() && this.connections.get(i) == connection) {
			NetConnection last = this.connections.remove(this.connections.size() - 1);
			if (last != connection) {
				this.connections.set(i, last);
				last.index = i;
			}
		}
		connection.index = -1;
		dispatch(connection, Event.CLOSE, null);
		this.acceptor.resumeIfBelowLimit();
	}

	/** Live connections; IO thread only. */
	public List<NetConnection> connections() {
		return this.connections;
	}

	public void forEach(Consumer<NetConnection> action) {
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i < this.connections.size()) {
				action.accept(this.connections.get(i));
			}
		}
	}

	/** Closed, or closing: {@link #close()} has started. */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Stops listening, closes every connection (CLOSE events, which see
	 * {@link #isClosed()} true already), drops the queued tasks (running the
	 * {@code ifClosed} of those that have one) and releases the selector.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.acceptor.close();
		while (!this.connections.isEmpty()) {
			close(this.connections.get(this.connections.size() - 1));
		}
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			if (task instanceof Rejectable rejectable) {
				try {
					rejectable.ifClosed.run();
				}
				catch (RuntimeException ex) {
					log.log(Level.ERROR, "the close action of a task queued for the IO thread failed", ex);
				}
			}
		}
		LoopWatchdog.INSTANCE.unwatch(this);
		try {
			this.selector.close();
		}
		catch (IOException ignored) {
			// nothing to release beyond this
		}
		closeAll(this.closing);
	}

	/**
	 * Sends the FIN after the queued output now; the close follows after the next select.
	 */
	private static void shutdownOutput(SocketChannel channel) {
		try {
			channel.shutdownOutput();
		}
		catch (IOException ignored) {
			// reset by the peer already: the close follows
		}
	}

	/**
	 * Closes the sockets whose keys the last select deregistered. A socket closed while
	 * its key is still registered costs the JDK a {@code getsockopt(SO_LINGER)} and a
	 * {@code shutdown} before the real close; closed after its key left the selector it
	 * is one {@code close}.
	 */
	private static void closeAll(ArrayList<SocketChannel> deregistered) {
		for (int i = 0; i < deregistered.size(); i++) {
			closeQuietly(deregistered.get(i));
		}
		deregistered.clear();
	}

	static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ignored) {
			// already closed or reset by the peer
		}
	}

}
