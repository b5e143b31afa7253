package io.mongoose.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * The connections of one origin, on the IO thread: at most
 * {@link ClientSettings#maxConnectionsPerOrigin()} open at a time (connecting, busy or
 * idle), the idle ones kept for reuse (at most {@link ClientSettings#maxIdlePerOrigin()},
 * the most recent first), and the requests that found them all busy, first in first out,
 * at most {@link ClientSettings#maxQueuedPerOrigin()}, each waiting at most the connect
 * timeout. WebSockets take connections of their own, outside any pool.
 */
final class OriginPool {

	private final Origin origin;

	private final ClientSettings settings;

	/** Idle connections, most recent last. */
	private final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();

	/** Requests waiting for a connection, oldest first, so deadlines only grow. */
	private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

	/** Connections of this origin not closed yet. */
	private int open;

	private record Waiting(Exchange exchange, long deadline) {

	}

	OriginPool(Origin origin, ClientSettings settings) {
		this.origin = origin;
		this.settings = settings;
	}

	/** An idle connection that is still usable; dead ones found on the way are closed. */
	ClientConnection takeIdle() {
		while (!this.idle.isEmpty()) {
			ClientConnection connection = this.idle.pollLast();
			if (connection.isUsable()) {
				return connection;
			}
			connection.net().closeNow();
		}
		return null;
	}

	/** Whether another connection may be opened. */
	boolean hasRoom() {
		return this.open < this.settings.maxConnectionsPerOrigin();
	}

	/** A connection of this origin was opened. */
	void opened() {
		this.open++;
	}

	/** A connection of this origin closed: it is neither open nor idle now. */
	void closed(ClientConnection connection) {
		this.open--;
		this.idle.remove(connection);
	}

	/** Keeps a connection after a complete response; false when enough are idle. */
	boolean keepIdle(ClientConnection connection) {
		if (this.idle.size() >= this.settings.maxIdlePerOrigin()) {
			return false;
		}
		this.idle.addLast(connection);
		return true;
	}

	/**
	 * Queues {@code exchange} until a connection is free; fails it when the queue is
	 * full.
	 */
	void enqueue(Exchange exchange, long now) {
		if (this.waiting.size() >= this.settings.maxQueuedPerOrigin()) {
			exchange.fail(new IOException("too many requests waiting for a connection to " + this.origin + ": "
					+ this.waiting.size() + " queued (maxQueuedPerOrigin) behind " + this.open
					+ " busy (maxConnectionsPerOrigin): " + exchange));
			return;
		}
		this.waiting.addLast(new Waiting(exchange, now + this.settings.connectTimeoutMillis()));
	}

	/** The request that has waited longest, or {@code null}. */
	Exchange nextWaiting() {
		Waiting next = this.waiting.pollFirst();
		return (next != null) ? next.exchange : null;
	}

	/**
	 * Fails the requests that have waited the connect timeout; called as the pool's
	 * connections are polled, so at least once per sweep while any request waits.
	 */
	void expire(long now) {
		while (!this.waiting.isEmpty() && now >= this.waiting.peekFirst().deadline) {
			Exchange exchange = this.waiting.pollFirst().exchange;
			exchange.fail(new SocketTimeoutException(
					"no connection to " + this.origin + " came free within " + this.settings.connectTimeoutMillis()
							+ " ms (the connect timeout; busy: " + this.open + "): " + exchange));
		}
	}

	/** Fails every waiting request with the failure {@code why} makes for it. */
	void failWaiting(Function<Exchange, IOException> why) {
		Waiting next;
		while ((next = this.waiting.pollFirst()) != null) {
			next.exchange.fail(why.apply(next.exchange));
		}
	}

	/** No connection and no waiting request: the pool may go. */
	boolean isUnused() {
		return this.open == 0 && this.waiting.isEmpty();
	}

}
