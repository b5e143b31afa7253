package io.mongoose.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import io.mongoose.net.ConnectErrors;
import io.mongoose.net.Event;
import io.mongoose.net.EventHandler;
import io.mongoose.net.NetConnection;
import io.mongoose.net.Transport;

/**
 * One outbound connection of a client and the exchange it carries, on the IO thread. Its
 * timer is the timeout of the phase it is in: connecting, waiting for the response head,
 * reading the body (silence), or idle in the pool.
 */
final class ClientConnection implements EventHandler {

	private static final System.Logger log = System.getLogger(ClientConnection.class.getName());

	private enum Phase {

		CONNECTING, WAITING, READING, IDLE

	}

	private final ClientEngine engine;

	final Origin origin;

	/** The pool that counts this connection; {@code null} for a WebSocket's. */
	final OriginPool pool;

	private NetConnection net;

	/**
	 * The TLS transport, kept to report why a handshake failed; {@code null} on plain.
	 */
	private FailureRecorder tls;

	private Phase phase = Phase.CONNECTING;

	private Exchange exchange;

	private ResponseReader reader;

	ClientConnection(ClientEngine engine, Origin origin, OriginPool pool) {
		this.engine = engine;
		this.origin = origin;
		this.pool = pool;
	}

	/** Wraps each TLS transport this connection gets so its failure is kept. */
	Transport.Factory recording(Transport.Factory factory) {
		return (channel, remote) -> {
			this.tls = new FailureRecorder(factory.create(channel, remote));
			return this.tls;
		};
	}

	/** The connect has started: {@code exchange} goes out once it is done. */
	void connecting(NetConnection connection, Exchange first) {
		this.net = connection;
		this.exchange = first;
		first.reused = false; // a retry, or a request that waited, starts afresh here
		connection.setTimer(System.currentTimeMillis() + this.engine.settings().connectTimeoutMillis());
	}

	/** An idle connection that is still usable. */
	boolean isUsable() {
		return this.phase == Phase.IDLE && !this.net.isClosed() && !this.net.isClosing() && !this.net.isPeerClosed();
	}

	NetConnection net() {
		return this.net;
	}

	/** Bytes of the response head in the receive buffer, once it is parsed. */
	int headLength() {
		return this.reader.bodyStart();
	}

	@Override
	public void onEvent(NetConnection connection, Event event, Object data) {
		switch (event) {
			case CONNECT -> connected((Integer) data);
			case RECV -> received();
			case TIMER -> timedOut();
			case POLL -> {
				if (this.pool != null) {
					this.pool.expire((Long) data);
				}
			}
			case CLOSE -> closed();
			default -> {
			}
		}
	}

	private void connected(int code) {
		if (code != 0) {
			IOException failure = (code == ConnectErrors.UNRESOLVED)
					? new UnknownHostException("cannot resolve " + this.origin.host() + " for " + this.exchange)
					: new ConnectException(ConnectErrors.describe(code) + ": " + this.exchange);
			fail(failure);
			return;
		}
		send(this.exchange, false);
	}

	/** Sends {@code next} on this connection (fresh, or {@code reused} from the pool). */
	void send(Exchange next, boolean reused) {
		this.exchange = next;
		next.reused = reused;
		this.reader = next.newReader(this.engine.settings());
		this.phase = Phase.WAITING;
		this.net.setRecvLimit(this.engine.settings().maxHeadSize());
		this.net.setTimer(System.currentTimeMillis() + this.engine.settings().responseTimeoutMillis());
		if (this.net.write(next.bytes) == 0) {
			fail(new IOException("the request of " + next.bytes.length + " bytes does not fit the send queue ("
					+ this.net.sendLimit() + " bytes): " + next));
		}
	}

	private void received() {
		if (this.exchange == null) {
			if (this.net.recvLength() > 0) { // nothing was asked: the stream cannot be
												// trusted
				log.log(Level.DEBUG, () -> this.net + ": unexpected bytes on an idle connection, closing it");
				this.net.closeNow();
			}
			return;
		}
		if (this.net.isPeerClosed() && this.net.recvLength() == 0 && this.reader.head() == null
				&& this.exchange.reused) {
			return; // a kept-alive connection the server closed: closed() may retry
		}
		RawResponse response;
		try {
			response = this.reader.read(this.net);
		}
		catch (IOException ex) {
			log.log(Level.DEBUG, () -> this.net + ": " + this.exchange + ": " + ex.getMessage());
			fail(ex);
			return;
		}
		if (response == null) {
			if (this.reader.head() != null) {
				this.phase = Phase.READING;
				this.net.setTimer(System.currentTimeMillis() + this.engine.settings().idleTimeoutMillis());
			}
			return;
		}
		Exchange done = this.exchange;
		this.exchange = null;
		this.net.setTimer(0);
		done.onResponse(this, response);
	}

	/**
	 * After a complete response: carries the request that has waited longest for a
	 * connection of the origin, or goes idle, or closes when it cannot be reused (or
	 * enough are idle).
	 */
	void release() {
		if (this.reader.reusable() && this.pool != null) {
			Exchange next = this.pool.nextWaiting();
			if (next != null) {
				send(next, true);
				return;
			}
			if (this.pool.keepIdle(this)) {
				this.phase = Phase.IDLE;
				this.net.setTimer(System.currentTimeMillis() + this.engine.settings().idleTimeoutMillis());
				return;
			}
		}
		this.net.closeNow();
	}

	private void timedOut() {
		ClientSettings settings = this.engine.settings();
		switch (this.phase) {
			case CONNECTING -> fail(new SocketTimeoutException(
					"connect timed out after " + settings.connectTimeoutMillis() + " ms: " + this.exchange));
			case WAITING -> fail(new SocketTimeoutException(
					"no response within " + settings.responseTimeoutMillis() + " ms: " + this.exchange));
			case READING -> fail(new SocketTimeoutException("the response stalled: nothing for "
					+ settings.idleTimeoutMillis() + " ms in the middle of the body: " + this.exchange));
			case IDLE -> this.net.closeNow();
		}
	}

	private void closed() {
		Exchange pending = this.exchange;
		this.exchange = null;
		this.engine.closed(this, (pending != null) ? failOrRetry(pending) : null);
	}

	/** Fails the request the close cut off, or returns it to be sent again. */
	private Exchange failOrRetry(Exchange pending) {
		if (this.engine.isClosed()) {
			pending.fail(new IOException("the server closed before the response arrived: " + pending));
			return null;
		}
		if (pending.reused && this.reader.head() == null && pending.retryable()) {
			// the server closed a kept-alive connection as the request went out
			log.log(Level.DEBUG, () -> this.net + ": closed before answering, retrying " + pending);
			return pending;
		}
		IOException cause = (this.tls != null) ? this.tls.failure() : null;
		String message = (cause != null) ? "TLS with " + this.origin + " failed: " + cause.getMessage()
				: "the connection closed before the response ended: " + pending;
		pending.fail(new IOException(message, cause));
		return null;
	}

	/** Fails the exchange and drops the connection, which is not to be trusted now. */
	private void fail(IOException failure) {
		Exchange pending = this.exchange;
		this.exchange = null;
		this.net.closeNow();
		if (pending != null) {
			pending.fail(failure);
		}
	}

	@Override
	public String toString() {
		return "client connection to " + this.origin;
	}

}
