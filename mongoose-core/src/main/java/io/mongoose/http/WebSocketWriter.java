package io.mongoose.http;

/** How {@link HttpConnection} reaches the WebSocket layer without knowing it. */
public interface WebSocketWriter {

	/** Queues one frame; any thread. Returns bytes queued or 0. */
	int write(HttpConnection connection, int opcode, byte[] data);

	/** Starts the closing handshake; IO thread. */
	void close(HttpConnection connection, int code, String reason);

}
