package io.mongoose.client.peers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every {@link Peer} serves, so that one test runs against each: the paths and their
 * bodies.
 */
final class PeerScript {

	/** {@code hello}, with {@code Content-Length}; HEAD gets the head only. */
	static final String HELLO = "/hello";

	/** {@link #CHUNKS} written one by one with chunked coding. */
	static final String CHUNKED = "/chunked";

	/** {@link #BIG_SIZE} bytes with {@code Content-Length}. */
	static final String BIG = "/big";

	/** {@link #BIG_SIZE} bytes, chunked in 8 KiB pieces. */
	static final String BIG_CHUNKED = "/big-chunked";

	/** Reads the request and never answers. */
	static final String STALL = "/stall";

	/** The head with {@code Content-Length: 100} and ten bytes of body, then nothing. */
	static final String STALL_BODY = "/stall-body";

	/** {@code 103 Early Hints}, then {@code 200} with {@code hinted}. */
	static final String EARLY_HINTS = "/early-hints";

	/** {@code until the end}, without a length, delimited by closing the connection. */
	static final String CLOSE_DELIMITED = "/close-delimited";

	/** The WebSocket echo of a {@link WebSocketPeer}. */
	static final String ECHO = "/echo";

	static final List<String> CHUNKS = List.of("first,", "second,", "third");

	static final int BIG_SIZE = 64 * 1024;

	static final int STALLED_LENGTH = 100;

	static final String STALLED_PART = "only ten b";

	private PeerScript() {
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** {@link #BIG_SIZE} bytes of a pattern a test can check. */
	static byte[] big() {
		byte[] body = new byte[BIG_SIZE];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) ('a' + i % 26);
		}
		return body;
	}

	/** {@link #big()} in 8 KiB pieces. */
	static List<byte[]> bigPieces() {
		byte[] body = big();
		List<byte[]> pieces = new ArrayList<>();
		for (int at = 0; at < body.length; at += 8192) {
			pieces.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + 8192)));
		}
		return pieces;
	}

	/** The code and reason of a {@code close CODE REASON} command, or {@code null}. */
	static String[] closeCommand(String text) {
		return text.startsWith("close ") ? text.substring(6).split(" ", 2) : null;
	}

}
