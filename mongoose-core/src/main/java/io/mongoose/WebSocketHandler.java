package io.mongoose;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The handler of a WebSocket URI: only this kind of handler takes an upgrade (a plain
 * {@link Handler} gets the upgrade request as an ordinary one), and a request to its URI
 * without an upgrade is answered {@code 426 Upgrade Required}. It may pick a subprotocol,
 * hears when a WebSocket opens and closes, and receives each whole message. Most handlers
 * override {@link #onText} and {@link #onBinary}: <pre>{@code
 * server.addUriHandler("/ws/echo", new WebSocketHandler() {
 *     public void onText(Connection c, String text) { c.websocketWrite(text); }
 * });
 * }</pre> The seed's style stays too: override {@link #handle(Connection)}, which then
 * sees every message with {@link Connection#isWebSocket()} true, its first frame byte in
 * {@link Connection#wsBits()} and its payload in {@link Connection#content()}.
 */
public interface WebSocketHandler extends Handler {

	/**
	 * A seed-style handler as a WebSocket handler: {@code handler} sees every frame (or,
	 * with {@code websocket_whole_messages=yes}, every message) through {@code handle}.
	 * <pre>{@code
	 * server.addUriHandler("/ws", WebSocketHandler.of(c -> {
	 *     c.websocketWrite(c.wsBits() & 0x0F, c.content());
	 *     return Result.DONE;
	 * }));
	 * }</pre>
	 * @param handler what serves the frames
	 * @return a handler that may take WebSocket upgrades
	 */
	static WebSocketHandler of(Handler handler) {
		return new WebSocketHandler() {
			@Override
			public Result handle(Connection connection) throws Exception {
				return handler.handle(connection);
			}
		};
	}

	/**
	 * Hands a text message to {@link #onText} and a binary one to {@link #onBinary}.
	 * @param connection the WebSocket, holding one whole message
	 * @return {@link Result#DONE}; {@link Result#NOT_HANDLED} for a request that is not a
	 * WebSocket
	 */
	@Override
	default Result handle(Connection connection) throws Exception {
		if (!connection.isWebSocket()) {
			return Result.NOT_HANDLED;
		}
		if (WebSocketOpcode.of(connection.wsBits()) == WebSocketOpcode.TEXT) {
			onText(connection, new String(connection.content(), StandardCharsets.UTF_8));
		}
		else {
			onBinary(connection, connection.content());
		}
		return Result.DONE;
	}

	/**
	 * A text message arrived (already checked to be valid UTF-8). Does nothing by
	 * default.
	 * @param connection the WebSocket
	 * @param text the whole message
	 * @throws Exception to close the WebSocket with 1011
	 */
	default void onText(Connection connection, String text) throws Exception {
	}

	/**
	 * A binary message arrived. Does nothing by default.
	 * @param connection the WebSocket
	 * @param data the whole message
	 * @throws Exception to close the WebSocket with 1011
	 */
	default void onBinary(Connection connection, byte[] data) throws Exception {
	}

	/**
	 * Choose one of the subprotocols the client offered, or {@code null} for none.
	 * @param connection the handshake request
	 * @param offered the client's {@code Sec-WebSocket-Protocol} values, in order
	 * @return the chosen value, which must be one of {@code offered}, or {@code null}
	 */
	default String selectSubprotocol(Connection connection, List<String> offered) {
		return null;
	}

	/**
	 * The handshake is done: the connection is now a WebSocket.
	 * @param connection the new WebSocket
	 */
	default void onOpen(Connection connection) {
	}

	/**
	 * The WebSocket is closed (by either side, or by the server on an error).
	 * @param connection the closed WebSocket
	 */
	default void onClose(Connection connection) {
	}

}
