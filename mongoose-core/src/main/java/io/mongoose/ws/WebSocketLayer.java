package io.mongoose.ws;

import java.lang.System.Logger.Level;
import java.nio.channels.ByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import io.mongoose.ClientWebSocket;
import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Header;
import io.mongoose.WebSocketHandler;
import io.mongoose.http.BufferBudget;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.HttpSettings;
import io.mongoose.http.Upgrader;
import io.mongoose.http.WebSocketWriter;
import io.mongoose.net.EventManager;
import io.mongoose.net.NetConnection;

/**
 * The WebSocket layer of a server: answers upgrade requests (RFC 6455 §4.2) for URIs a
 * handler owns, hands the upgraded connection to {@link WebSocketProtocol}, and writes
 * frames for {@link Connection#websocketWrite} from any thread.
 */
public final class WebSocketLayer implements Upgrader, WebSocketWriter {

	private static final System.Logger log = System.getLogger(WebSocketLayer.class.getName());

	/** Receive-buffer bound of a WebSocket: frames are copied out as they arrive. */
	private static final int RECV_LIMIT = 64 * 1024;

	private final WebSocketSettings settings;

	private final WebSocketProtocol protocol;

	private final BufferBudget budget;

	public WebSocketLayer(WebSocketSettings settings, HttpSettings httpSettings) {
		this.settings = settings;
		this.budget = httpSettings.bufferBudget;
		this.protocol = new WebSocketProtocol(settings, httpSettings);
	}

	public WebSocketSettings settings() {
		return this.settings;
	}

	// ---- handshake
	// ---------------------------------------------------------------------------------

	@Override
	public void upgrade(HttpConnection c, Handler handler) {
		if (handler == null) {
			reject(c, 404, "no handler for " + c.uri());
			return;
		}
		if (!"GET".equals(c.requestMethod()) || !"1.1".equals(c.httpVersion())) {
			reject(c, 400, "a WebSocket handshake is a GET over HTTP/1.1");
			return;
		}
		if (!WebSocketHandshake.containsToken(c.getHeader("Connection"), "upgrade")) {
			reject(c, 400, "Connection must list Upgrade");
			return;
		}
		String version = c.getHeader("Sec-WebSocket-Version");
		if (version == null || !WebSocketHandshake.VERSION.equals(version.trim())) {
			reject(c, 426, "only WebSocket version 13 is supported");
			return;
		}
		String key = c.getHeader("Sec-WebSocket-Key");
		if (!WebSocketHandshake.isValidKey(key)) {
			reject(c, 400, "missing or malformed Sec-WebSocket-Key");
			return;
		}
		String origin = c.getHeader("Origin");
		if (!this.settings.allowedOrigins.allows(origin, c.getHeader("Host"))) {
			reject(c, 403, "Origin " + origin + " is not allowed (websocket_allowed_origins)");
			return;
		}
		String subprotocol;
		try {
			subprotocol = selectSubprotocol(c, handler);
		}
		catch (RuntimeException ex) {
			log.log(Level.ERROR, "selectSubprotocol failed for " + c, ex);
			reject(c, 500, null);
			return;
		}
		PerMessageDeflate deflate = this.settings.deflate
				? PerMessageDeflate.negotiate(c.headers(), this.settings.deflateMemory) : null;
		switchProtocols(c, handler, key, subprotocol, deflate);
	}

	private static String selectSubprotocol(HttpConnection c, Handler handler) {
		if (!(handler instanceof WebSocketHandler wsHandler)) {
			return null;
		}
		List<String> offered = new ArrayList<>();
		for (Header header : c.headers()) {
			if (header.name().equalsIgnoreCase("Sec-WebSocket-Protocol")) {
				offered.addAll(WebSocketHandshake.parseTokens(header.value()));
			}
		}
		if (offered.isEmpty()) {
			return null;
		}
		String chosen = wsHandler.selectSubprotocol(c, List.copyOf(offered));
		if (chosen != null && !offered.contains(chosen)) {
			throw new IllegalStateException(
					"selectSubprotocol returned '" + chosen + "', which the client did not offer: " + offered);
		}
		return chosen;
	}

	private void switchProtocols(HttpConnection c, Handler handler, String key, String subprotocol,
			PerMessageDeflate deflate) {
		NetConnection net = c.net();
		net.consume(c.requestEnd());
		if (!c.sendSwitchingProtocols("websocket", "Sec-WebSocket-Accept", WebSocketHandshake.acceptKey(key),
				"Sec-WebSocket-Protocol", subprotocol, "Sec-WebSocket-Extensions",
				(deflate == null) ? null : deflate.response())) {
			net.closeNow();
			return;
		}
		WebSocketSession s = new WebSocketSession(c, handler, this.settings, this.budget, deflate);
		c.upgraded(s);
		net.setHandler(this.protocol);
		net.setRecvLimit(RECV_LIMIT);
		if (handler instanceof WebSocketHandler wsHandler) {
			try {
				wsHandler.onOpen(c);
			}
			catch (RuntimeException ex) {
				log.log(Level.ERROR, "onOpen failed for " + c + ", closing with 1011", ex);
				s.startClose(CloseCodes.INTERNAL_ERROR, "handler failed");
				return;
			}
		}
		if (net.recvLength() > 0) {
			this.protocol.process(s);
		}
	}

	/**
	 * The client side of a WebSocket opened in memory ({@code DirectClient}): checks the
	 * server's {@code 101} as a client must, then runs the outbound client's
	 * {@link ClientWebSocketSession} on the client's end of the connection, which
	 * {@code manager} adopts (its incoming messages limited as the server's are). IO
	 * thread only.
	 * @param end the client's end of the connection the handshake went over
	 * @param unread what the client read from {@code end} after the {@code 101}'s head
	 * @param key the {@code Sec-WebSocket-Key} the request sent
	 * @param handshake the headers of the {@code 101}
	 * @throws IllegalStateException if the {@code 101} does not answer {@code key} or
	 * negotiated an extension
	 */
	public ClientWebSocket openInMemoryClient(EventManager manager, ByteChannel end, byte[] unread, String key,
			List<Header> handshake, ClientWebSocket.Listener listener) {
		String refusal = null;
		if (!WebSocketHandshake.containsToken(header(handshake, "Upgrade"), "websocket")
				|| !WebSocketHandshake.containsToken(header(handshake, "Connection"), "upgrade")) {
			refusal = "a 101 without Upgrade: websocket and Connection: upgrade";
		}
		else if (!WebSocketHandshake.acceptKey(key).equals(header(handshake, "Sec-WebSocket-Accept"))) {
			refusal = "a 101 with the wrong Sec-WebSocket-Accept";
		}
		else if (header(handshake, "Sec-WebSocket-Extensions") != null) {
			refusal = "a 101 with an extension, which was not offered";
		}
		if (refusal != null) {
			throw new IllegalStateException("WebSocket handshake failed: " + refusal);
		}
		// no event reaches the placeholder handler: start() hands the connection over
		// first
		NetConnection net = manager.adoptInMemoryPeer(end, unread, (connection, event, data) -> {
		});
		ClientWebSocketSession session = new ClientWebSocketSession(net, listener, this.settings.maxMessageSize);
		session.start();
		return session;
	}

	private static String header(List<Header> headers, String name) {
		for (Header header : headers) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

	private static void reject(HttpConnection c, int status, String detail) {
		log.log(Level.INFO, () -> status + " for WebSocket handshake from " + c.remoteIp() + ": " + detail);
		c.finishAndClose();
		c.sendError(status, detail);
		c.net().consume(c.requestEnd());
		c.net().closeAfterSend();
	}

	// ---- writing
	// -------------------------------------------------------------------------------------

	@Override
	public int write(HttpConnection c, int opcode, byte[] data) {
		int op = opcode & WebSocketOpcodes.MASK_OPCODE;
		if (op == WebSocketOpcodes.CLOSE) {
			WebSocketSession s = session(c);
			if (s == null || s.closeSent || c.isClosed()) {
				return 0;
			}
			byte[] payload = data.clone();
			s.onLoop(() -> s.startClose(payload, System.currentTimeMillis()));
			return FrameEncoder.headerLength(payload.length) + payload.length;
		}
		WebSocketSession s = session(c);
		if (s == null) {
			return 0;
		}
		if (WebSocketOpcodes.isControl(op)) {
			return Math.max(0, s.send(FrameEncoder.encode(op, data, 0, data.length)));
		}
		return Math.max(0, s.send(new OutgoingMessage(op, data)));
	}

	/**
	 * A broadcast of one message: the returned function queues it on a WebSocket,
	 * compressed if it negotiated that, sharing each encoded form among the recipients
	 * (IO thread only). {@code data} is copied now.
	 * @return for each connection: bytes queued; 0 if it is not an open WebSocket or its
	 * send queue is full; -1 if it was full and the connection is being closed
	 * ({@code websocket_slow_reader=close})
	 */
	public ToIntFunction<Connection> broadcast(int opcode, byte[] data) {
		OutgoingMessage message = new OutgoingMessage(opcode, data.clone());
		return (connection) -> {
			WebSocketSession s = (connection instanceof HttpConnection c) ? session(c) : null;
			return (s != null) ? s.send(message) : 0;
		};
	}

	@Override
	public void close(HttpConnection c, int code, String reason) {
		WebSocketSession s = session(c);
		if (s != null) {
			s.onLoop(() -> s.startClose(code, reason));
		}
		else {
			c.net().closeAfterSend();
		}
	}

	private static WebSocketSession session(HttpConnection c) {
		return (c.upgradeState() instanceof WebSocketSession s) ? s : null;
	}

}
