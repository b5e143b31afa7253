package io.mongoose.client;

import java.io.IOException;

/**
 * One request on a {@link ClientConnection}: its bytes, the reader of its response and
 * what to do with the outcome. An HTTP request ({@link HttpExchange}) or a WebSocket
 * handshake ({@link UpgradeExchange}).
 */
abstract class Exchange {

	final Origin origin;

	final byte[] bytes;

	/** Sent on a kept-alive connection: a close before any answer may be retried. */
	boolean reused;

	Exchange(Origin origin, byte[] bytes) {
		this.origin = origin;
		this.bytes = bytes;
	}

	/** A fresh reader for one attempt. */
	abstract ResponseReader newReader(ClientSettings settings);

	/** May go on a pooled connection (a WebSocket takes a connection of its own). */
	abstract boolean pooled();

	/** May be sent again after a reused connection closed before answering. */
	abstract boolean retryable();

	/** The response (an upgrade: its head) arrived; the connection is the caller's. */
	abstract void onResponse(ClientConnection connection, RawResponse response);

	abstract void fail(IOException failure);

	@Override
	public String toString() {
		return "request to " + this.origin;
	}

}
