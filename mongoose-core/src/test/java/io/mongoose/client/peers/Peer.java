package io.mongoose.client.peers;

import java.util.Set;

/**
 * Another project's HTTP server on an ephemeral port of 127.0.0.1, serving
 * {@link PeerScript}'s paths, for the client's tests. Closing it stops the server and
 * releases requests it holds.
 */
interface Peer extends AutoCloseable {

	int port();

	/** The remote port of every request served: one per connection the client opened. */
	Set<Integer> clientPorts();

	default String url(String path) {
		return scheme() + "://127.0.0.1:" + port() + path;
	}

	default String scheme() {
		return "http";
	}

	/** Stops the server; a failure to stop is an {@link IllegalStateException}. */
	@Override
	void close();

	/** Starts a peer; for parameterised tests. */
	@FunctionalInterface
	interface Starter<P extends Peer> {

		P start() throws Exception;

	}

}
