package io.mongoose.client;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mongoose.ClientRequest;
import io.mongoose.ClientWebSocket;
import io.mongoose.net.EventManager;
import io.mongoose.net.NetConnection;
import io.mongoose.tls.TlsClient;

/**
 * The client of one event loop: hands requests to the IO thread, opens connections (TLS
 * for {@code https} and {@code wss}) and keeps an {@link OriginPool} per origin: the
 * bound on its connections, the idle ones, the requests waiting for one. Requests may
 * come from any thread; everything else runs on the IO thread. When the loop closes,
 * every request not answered yet fails: those still in the loop's task queue, those
 * waiting for a connection and (through their connection's close) those in flight.
 */
public final class ClientEngine {

	private final EventManager manager;

	private final ClientSettings settings;

	private final TlsClient tls;

	/** IO thread only. */
	private final Map<Origin, OriginPool> pools = new HashMap<>();

	/**
	 * @throws IllegalArgumentException if the trust file cannot be read
	 */
	public ClientEngine(EventManager manager, ClientSettings settings) {
		this.manager = manager;
		this.settings = settings;
		this.tls = (settings.sslContext() != null) ? TlsClient.of(settings.sslContext())
				: (settings.trustFile() != null) ? TlsClient.trusting(settings.trustFile()) : null;
	}

	ClientSettings settings() {
		return this.settings;
	}

	/** Whether the loop is closing or closed: nothing is started or retried then. */
	boolean isClosed() {
		return this.manager.isClosed();
	}

	/** Sends a request; the future completes on the IO thread. */
	public CompletableFuture<RawResponse> send(ClientRequest request) {
		CompletableFuture<RawResponse> result = new CompletableFuture<>();
		try {
			submit(new HttpExchange(Origin.of(request.uri(), false), request, result));
		}
		catch (IllegalArgumentException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/** Opens a WebSocket; the future completes on the IO thread after the handshake. */
	public CompletableFuture<ClientWebSocket> webSocket(URI uri, ClientWebSocket.Listener listener) {
		CompletableFuture<ClientWebSocket> result = new CompletableFuture<>();
		try {
			submit(new UpgradeExchange(Origin.of(uri, true), uri, listener, this.settings, result));
		}
		catch (IllegalArgumentException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	private void submit(Exchange exchange) {
		if (this.manager.isClosed()) {
			exchange.fail(new IOException("the server is closed: " + exchange));
			return;
		}
		this.manager.execute(() -> start(exchange),
				() -> exchange.fail(new IOException("the server closed before the request started: " + exchange)));
	}

	private void start(Exchange exchange) {
		if (!exchange.pooled()) {
			open(exchange, null);
			return;
		}
		OriginPool pool = this.pools.computeIfAbsent(exchange.origin, (o) -> new OriginPool(o, this.settings));
		ClientConnection connection = pool.takeIdle();
		if (connection != null) {
			connection.send(exchange, true);
		}
		else if (pool.hasRoom()) {
			open(exchange, pool);
		}
		else {
			pool.enqueue(exchange, System.currentTimeMillis());
		}
	}

	/** Connects afresh for {@code exchange}, counted in {@code pool} if it has one. */
	private void open(Exchange exchange, OriginPool pool) {
		Origin origin = exchange.origin;
		ClientConnection connection = new ClientConnection(this, origin, pool);
		try {
			NetConnection net = this.manager.connect(origin.host(), origin.port(), connection,
					origin.secure() ? connection.recording(tls().forHost(origin.host(), origin.port())) : null);
			if (pool != null) {
				pool.opened();
			}
			connection.connecting(net, exchange);
		}
		catch (IOException | RuntimeException ex) {
			exchange.fail((ex instanceof IOException io) ? io : new IOException("cannot connect: " + exchange, ex));
		}
	}

	/**
	 * A connection closed: its slot goes to {@code retry} (its request, to be sent
	 * again), else to the request that has waited longest. On a closing loop the waiting
	 * requests fail instead.
	 */
	void closed(ClientConnection connection, Exchange retry) {
		OriginPool pool = connection.pool;
		if (pool == null) {
			return;
		}
		pool.closed(connection);
		if (isClosed()) {
			pool.failWaiting((exchange) -> new IOException(
					"the server closed before a connection to " + connection.origin + " was free: " + exchange));
		}
		else {
			if (retry != null) {
				open(retry, pool);
			}
			Exchange next;
			while (pool.hasRoom() && (next = pool.nextWaiting()) != null) {
				open(next, pool); // a connect that fails at once fails its request only
			}
		}
		if (pool.isUnused()) {
			this.pools.remove(connection.origin);
		}
	}

	/**
	 * The JDK's trust, loaded on the first TLS connection of a client configured without
	 * any.
	 */
	private TlsClient tls() {
		return (this.tls != null) ? this.tls : DefaultTrust.INSTANCE;
	}

	/** Holder of the JDK-trust client, so a plain-only client never loads it. */
	private static final class DefaultTrust {

		static final TlsClient INSTANCE = TlsClient.system();

	}

}
