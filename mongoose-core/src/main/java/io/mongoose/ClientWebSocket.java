package io.mongoose;

/**
 * An outbound WebSocket connection made by {@link Client#webSocket}: RFC 6455's client
 * side on the server's IO thread, with the server's frame code. Frames are masked, server
 * pings answered, text checked as UTF-8 and fragmented messages reassembled. The send
 * methods are safe from any thread and never block: they return false when the socket is
 * not open for sending or the send queue is full.
 */
public interface ClientWebSocket {

	/** Sends a whole text message. */
	boolean sendText(String text);

	/** Sends a whole binary message. */
	boolean sendBinary(byte[] data);

	/**
	 * Sends one fragment of a text message; the first starts the message, {@code last}
	 * ends it. A fragment must end on a character boundary.
	 */
	boolean sendText(String text, boolean last);

	/** Sends one fragment of a binary message. */
	boolean sendBinary(byte[] data, boolean last);

	/**
	 * Sends a ping (at most 125 bytes); the answer arrives at {@link Listener#onPong}.
	 */
	boolean ping(byte[] payload);

	/**
	 * Starts the closing handshake with {@code code} (1000 for a normal close) and a
	 * reason; the server answers and closes, and {@link Listener#onClose} follows. A
	 * server that does not answer within 5 seconds is disconnected.
	 */
	boolean close(int code, String reason);

	/** Open and not closing: messages may still be sent. */
	boolean isOpen();

	/**
	 * What happens on a {@link ClientWebSocket}, always on the IO thread: a listener must
	 * not block.
	 */
	interface Listener {

		/** The handshake succeeded; called before the connect stage completes. */
		default void onOpen(ClientWebSocket socket) {
		}

		/** A whole text message. */
		default void onText(ClientWebSocket socket, String text) {
		}

		/** A whole binary message. */
		default void onBinary(ClientWebSocket socket, byte[] data) {
		}

		/** The answer to a {@link ClientWebSocket#ping}. */
		default void onPong(ClientWebSocket socket, byte[] payload) {
		}

		/**
		 * The connection is over, called once: with the code and reason of the server's
		 * close frame, with the code this side failed it with (1002 protocol error, 1007
		 * invalid UTF-8, 1009 too big), or with 1006 when the connection ended without a
		 * close frame.
		 */
		default void onClose(ClientWebSocket socket, int code, String reason) {
		}

	}

}
