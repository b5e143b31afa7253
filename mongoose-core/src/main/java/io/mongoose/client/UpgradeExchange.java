package io.mongoose.client;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import io.mongoose.ClientWebSocket;
import io.mongoose.ws.ClientWebSocketSession;
import io.mongoose.ws.WebSocketHandshake;

/**
 * The opening handshake of a client WebSocket (RFC 6455 §4.1): a GET with a fresh
 * {@code Sec-WebSocket-Key}; the answer must be {@code 101} with {@code Upgrade:
 * websocket}, {@code Connection: upgrade} and the matching {@code Sec-WebSocket-Accept},
 * and no extension or subprotocol, since none was offered. Then the connection belongs to
 * a {@link ClientWebSocketSession}.
 */
final class UpgradeExchange extends Exchange {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String key;

	private final ClientWebSocket.Listener listener;

	private final long maxMessageSize;

	private final CompletableFuture<ClientWebSocket> result;

	private final URI uri;

	private UpgradeExchange(Origin origin, URI uri, String key, ClientWebSocket.Listener listener, long maxMessageSize,
			CompletableFuture<ClientWebSocket> result) {
		super(origin, request(origin, uri, key));
		this.uri = uri;
		this.key = key;
		this.listener = listener;
		this.maxMessageSize = maxMessageSize;
		this.result = result;
	}

	UpgradeExchange(Origin origin, URI uri, ClientWebSocket.Listener listener, ClientSettings settings,
			CompletableFuture<ClientWebSocket> result) {
		this(origin, uri, newKey(), listener, settings.maxBodySize(), result);
	}

	private static String newKey() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	private static byte[] request(Origin origin, URI uri, String key) {
		String head = "GET " + RequestHead.target(uri) + " HTTP/1.1\r\nHost: " + origin.hostHeader()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: " + WebSocketHandshake.VERSION + "\r\n\r\n";
		return head.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Override
	ResponseReader newReader(ClientSettings settings) {
		return new ResponseReader(settings, false, true);
	}

	@Override
	boolean pooled() {
		return false;
	}

	@Override
	boolean retryable() {
		return false;
	}

	@Override
	void onResponse(ClientConnection connection, RawResponse response) {
		String refusal = refusal(response);
		if (refusal != null) {
			connection.net().closeNow();
			this.result.completeExceptionally(
					new ProtocolException("WebSocket handshake with " + this.uri + " refused: " + refusal));
			return;
		}
		connection.net().consume(connection.headLength());
		ClientWebSocketSession session = new ClientWebSocketSession(connection.net(), this.listener,
				this.maxMessageSize);
		session.start();
		this.result.complete(session);
	}

	private String refusal(RawResponse response) {
		if (response.status() != 101) {
			return "the server answered " + response.status() + " " + response.reason();
		}
		if (!WebSocketHandshake.containsToken(response.header("Upgrade"), "websocket")
				|| !WebSocketHandshake.containsToken(response.header("Connection"), "upgrade")) {
			return "101 without Upgrade: websocket and Connection: upgrade";
		}
		if (!WebSocketHandshake.acceptKey(this.key).equals(response.header("Sec-WebSocket-Accept"))) {
			return "wrong Sec-WebSocket-Accept";
		}
		if (response.header("Sec-WebSocket-Extensions") != null || response.header("Sec-WebSocket-Protocol") != null) {
			return "an extension or subprotocol that was not offered";
		}
		return null;
	}

	@Override
	void fail(IOException failure) {
		this.result.completeExceptionally(failure);
	}

	@Override
	public String toString() {
		return "WebSocket " + this.uri;
	}

}
