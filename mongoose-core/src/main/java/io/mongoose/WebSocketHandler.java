package io.mongoose;

import java.util.List;

/**
 * The handler of a WebSocket URI: only this kind of handler takes an upgrade (a plain
 * {@link Handler} gets the upgrade request as an ordinary one), and a request to its URI
 * without an upgrade is answered {@code 426 Upgrade Required}. It may pick a subprotocol and
 * hears when a WebSocket opens and closes; frames arrive through {@link #handle(Connection)}
 * with {@link Connection#isWebSocket()} true.
 */
public interface WebSocketHandler extends Handler {

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
