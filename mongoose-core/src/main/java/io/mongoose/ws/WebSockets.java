package io.mongoose.ws;

import java.nio.charset.StandardCharsets;

import io.mongoose.Connection;

/**
 * One-line helpers over {@link Connection#websocketWrite(int, byte[])}; safe from any
 * thread. Each returns the bytes queued, or 0 if the connection is not an open WebSocket
 * or its send queue is full.
 */
final class WebSockets {

	private WebSockets() {
	}

	public static int sendText(Connection connection, String text) {
		return connection.websocketWrite(WebSocketOpcodes.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	public static int sendBinary(Connection connection, byte[] data) {
		return connection.websocketWrite(WebSocketOpcodes.BINARY, data);
	}

	/**
	 * @throws IllegalArgumentException if {@code payload} exceeds 125 bytes
	 */
	public static int ping(Connection connection, byte[] payload) {
		return connection.websocketWrite(WebSocketOpcodes.PING, payload);
	}

	/**
	 * Starts the closing handshake with {@code code} and {@code reason} (cut to fit 123
	 * bytes).
	 * @throws IllegalArgumentException if {@code code} may not be sent (see
	 * {@link CloseCodes#isValidOnWire})
	 */
	public static int close(Connection connection, int code, String reason) {
		return connection.websocketWrite(WebSocketOpcodes.CLOSE, FrameEncoder.closePayload(code, reason));
	}

}
