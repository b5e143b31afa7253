package io.mongoose.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The listening sockets of one {@link EventManager} and the accepting of clients on them:
 * the connection limit, the accept filter, TLS wrapping. An admitted client is handed to
 * the manager, which owns it from then on.
 * <p>
 * IO thread only, like the rest of the loop state; only the filter may be set from any
 * thread.
 */
final class Acceptor {

	/**
	 * The event loop's logger: accept failures stay where operators already look for
	 * them.
	 */
	private static final System.Logger log = System.getLogger(EventManager.class.getName());

	/**
	 * One listener's share of an iteration, so a flood of clients cannot starve open
	 * connections.
	 */
	private static final int MAX_ACCEPTS_PER_POLL = 256;

	/**
	 * After a failed accept (out of descriptors, typically) accepting stops this long:
	 * the client stays in the backlog and the listener would otherwise be ready on every
	 * iteration.
	 */
	static final long BACKOFF_MILLIS = 100;

	/**
	 * At most one accept warning per this period; it counts the failures since the last
	 * one.
	 */
	private static final long WARNING_INTERVAL_MILLIS = 10_000;

	private final EventManager manager;

	private final Selector selector;

	private final ArrayList<NetListener> listeners = new ArrayList<>();

	private int maxConnections = Integer.MAX_VALUE;

	private boolean paused;

	/** When accepting resumes after a failed accept; 0 when it is not backing off. */
	private long backoffUntil;

	private long lastWarningMillis;

	private int failuresSinceWarning;

	private volatile Predicate<InetSocketAddress> filter;

	private boolean reusePort;

	Acceptor(EventManager manager, Selector selector) {
		this.manager = manager;
		this.selector = selector;
	}

	void setFilter(Predicate<InetSocketAddress> filter) {
		this.filter = filter;
	}

	void setReusePort(boolean reusePort) throws IOException {
		if (reusePort) {
			try (ServerSocketChannel probe = ServerSocketChannel.open()) {
				if (!probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
					throw new UnsupportedOperationException("SO_REUSEPORT is not supported on this platform");
				}
			}
		}
		this.reusePort = reusePort;
	}

	void setMaxConnections(int max) {
		this.maxConnections = max;
	}

	NetListener listen(InetSocketAddress address, EventHandler handler, Transport.Factory transports)
			throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			if (this.reusePort) {
				channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			}
			channel.bind(address, 1024);
			return register(channel, handler, true, transports);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	NetListener adopt(ServerSocketChannel channel, EventHandler handler) throws IOException {
		return register(channel, handler, false, null);
	}

	private NetListener register(ServerSocketChannel channel, EventHandler handler, boolean owned,
			Transport.Factory transports) throws IOException {
		channel.configureBlocking(false);
		SelectionKey key = channel.register(this.selector, SelectionKey.OP_ACCEPT);
		NetListener listener = new NetListener(channel, key, handler, owned, transports);
		key.attach(listener);
		this.listeners.add(listener);
		return listener;
	}

	void stop(NetListener listener) {
		if (this.listeners.remove(listener)) {
			listener.close();
		}
	}

	List<NetListener> listeners() {
		return List.copyOf(this.listeners);
	}

	/** Accepts what {@code listener} has waiting, up to the connection limit. */
	void acceptAll(NetListener listener, long now) {
		for (int i = 0; i < MAX_ACCEPTS_PER_POLL; i++) {
			if (this.manager.connections().size() >= this.maxConnections) {
				pause();
				return;
			}
			SocketChannel channel;
			try {
				channel = listener.channel.accept();
			}
			catch (IOException ex) {
				backOff(ex, now);
				return;
			}
			if (channel == null) {
				return;
			}
			try {
				channel.configureBlocking(false); // TCP_NODELAY waits for a second write
				InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
				Predicate<InetSocketAddress> filter = this.filter;
				if (filter != null && !filter.test(remote)) {
					log.log(Level.DEBUG, () -> "refused by the access control list: " + remote);
					EventManager.closeQuietly(channel);
					continue;
				}
				Transport transport = (listener.transports != null) ? listener.transports.create(channel, remote)
						: null;
				this.manager.accepted(channel, remote, listener.handler, transport, now);
			}
			catch (IOException ex) {
				log.log(Level.DEBUG, "dropped a client during accept: " + ex);
				EventManager.closeQuietly(channel);
			}
		}
	}

	/**
	 * Stops selecting for accepts: the clients wait in the backlog instead of being
	 * dropped.
	 */
	private void pause() {
		if (!this.paused) {
			this.paused = true;
			log.log(Level.WARNING, "connection limit " + this.maxConnections + " reached: accepting paused");
			setAccepting(false);
		}
	}

	/**
	 * Called after a connection closed: accepting resumes once the manager is below the
	 * limit.
	 */
	void resumeIfBelowLimit() {
		if (this.paused && this.manager.connections().size() < this.maxConnections) {
			this.paused = false;
			if (this.backoffUntil == 0) {
				setAccepting(true);
			}
		}
	}

	/** Pauses accepting after a failed accept, with a warning at most every 10 s. */
	private void backOff(IOException ex, long now) {
		this.failuresSinceWarning++;
		if (now - this.lastWarningMillis >= WARNING_INTERVAL_MILLIS) {
			int failures = this.failuresSinceWarning;
			log.log(Level.WARNING,
					"accept failed: " + ex + "; accepting pauses for " + BACKOFF_MILLIS + " ms after each failure ("
							+ failures + " since the last warning, the next one in " + WARNING_INTERVAL_MILLIS / 1000
							+ " s at the earliest)");
			this.lastWarningMillis = now;
			this.failuresSinceWarning = 0;
		}
		this.backoffUntil = now + BACKOFF_MILLIS;
		setAccepting(false);
	}

	/** Called on every sweep: accepting resumes when a backoff is over. */
	void tick(long now) {
		if (this.backoffUntil != 0 && now >= this.backoffUntil) {
			this.backoffUntil = 0;
			if (!this.paused) {
				setAccepting(true);
			}
		}
	}

	private void setAccepting(boolean accepting) {
		for (NetListener listener : this.listeners) {
			if (listener.key.isValid()) { // an adopted socket its owner closed
				listener.key.interestOps(accepting ? SelectionKey.OP_ACCEPT : 0);
			}
		}
	}

	/** Stops listening on every socket. */
	void close() {
		for (NetListener listener : this.listeners) {
			listener.close();
		}
		this.listeners.clear();
	}

}
