package io.mongoose.client.peers;

import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link Peer} with a WebSocket echo at {@link PeerScript#ECHO}: each data frame (or
 * the part of one the peer delivers) goes back as a fragment of the same kind with the
 * same fin bit; a text {@code close CODE REASON} makes the peer close with that code; a
 * close from the client is answered with its code.
 */
interface WebSocketPeer extends Peer {

	/** Data frames received, as {@code text fin=true} or {@code binary fin=false}. */
	List<String> frames();

	/** Close codes the peer received from the client. */
	BlockingQueue<Integer> closeCodes();

	default String ws(String path) {
		return ("https".equals(scheme()) ? "wss" : "ws") + "://127.0.0.1:" + port() + path;
	}

}
