package io.mongoose.client;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
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
 * for {@code https} and {@code wss}) and keeps the idle kept-alive ones per origin, at
 * most {@link ClientSettings#maxIdlePerOrigin()} each, the most recent reused first.
 * Requests may come from any thread; everything else runs on the IO thread.
 */
public final class ClientEngine {

	private final EventManager manager;

	private final ClientSettings settings;

	private final TlsClient tls;

	/** Idle connections per origin, most recent last; IO thread only. */
	private final Map<Origin, ArrayDeque<ClientConnection>> idle = new HashMap<>();

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
		this.manager.execute(() -> start(exchange));
	}

	private void start(Exchange exchange) {
		ClientConnection connection = exchange.pooled() ? takeIdle(exchange.origin) : null;
		if (connection != null) {
			connection.send(exchange, true);
		}
		else {
			open(exchange);
		}
	}

	/** Connects afresh for {@code exchange}; IO thread. */
	void open(Exchange exchange) {
		Origin origin = exchange.origin;
		ClientConnection connection = new ClientConnection(this, origin);
		try {
			NetConnection net = this.manager.connect(origin.host(), origin.port(), connection,
					origin.secure() ? connection.recording(tls().forHost(origin.host(), origin.port())) : null);
			connection.connecting(net, exchange);
		}
		catch (IOException | RuntimeException ex) {
			exchange.fail((ex instanceof IOException io) ? io : new IOException("cannot connect: " + exchange, ex));
		}
	}

	/**
	 * The JDK's trust, loaded on the first TLS connection of a client configured without
	 * any.
	 */
	private TlsClient tls() {
		return (this.tls != null) ? this.tls : DefaultTrust.INSTANCE;
	}

	private ClientConnection takeIdle(Origin origin) {
		ArrayDeque<ClientConnection> connections = this.idle.get(origin);
		while (connections != null && !connections.isEmpty()) {
			ClientConnection connection = connections.pollLast();
			if (connection.isUsable()) {
				return connection;
			}
			connection.net().closeNow();
		}
		return null;
	}

	/** Keeps a connection after a complete response; false when the origin has enough. */
	boolean keepIdle(ClientConnection connection) {
		ArrayDeque<ClientConnection> connections = this.idle.computeIfAbsent(connection.origin,
				(o) -> new ArrayDeque<>());
		if (connections.size() >= this.settings.maxIdlePerOrigin()) {
			return false;
		}
		connections.addLast(connection);
		return true;
	}

	/** A connection closed: it is no longer idle. */
	void forget(ClientConnection connection) {
		ArrayDeque<ClientConnection> connections = this.idle.get(connection.origin);
		if (connections != null && connections.remove(connection) && connections.isEmpty()) {
			this.idle.remove(connection.origin);
		}
	}

	/** Holder of the JDK-trust client, so a plain-only client never loads it. */
	private static final class DefaultTrust {

		static final TlsClient INSTANCE = TlsClient.system();

	}

}
