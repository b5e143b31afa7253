package io.mongoose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one reply out of the bytes a {@link DirectClient} connection received, by its
 * framing as a client would: interim 1xx replies skipped, no body for {@code HEAD}, 101,
 * 204 and 304, else {@code Content-Length}, chunked, or until the server closes.
 */
final class DirectReply {

	private final boolean head;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	/** Where the current reply's head starts (after interim replies). */
	private int start;

	DirectReply(boolean head) {
		this.head = head;
	}

	void add(byte[] bytes, int length) {
		this.received.write(bytes, 0, length);
	}

	/**
	 * The reply once it is complete, else {@code null}.
	 * @param closed the server closed the connection: a close-delimited body is complete
	 * @throws IllegalStateException if the server closed it before a complete reply
	 */
	DirectClient.Response complete(boolean closed) {
		byte[] bytes = this.received.toByteArray();
		DirectClient.Response reply;
		while ((reply = parse(bytes, closed)) != null && reply.status() >= 100 && reply.status() < 200
				&& reply.status() != 101) {
			this.start = headEnd(bytes, this.start); // an interim reply: the real one
														// follows
		}
		if (reply == null && closed) {
			throw new IllegalStateException(
					"the server closed the connection before a complete reply; received: " + this);
		}
		return reply;
	}

	/**
	 * What followed the head of the reply {@link #complete} returned, for a {@code 101}
	 * (no body): the first bytes of the protocol switched to.
	 */
	byte[] afterHead() {
		byte[] bytes = this.received.toByteArray();
		return Arrays.copyOfRange(bytes, headEnd(bytes, this.start), bytes.length);
	}

	/** The bytes received, as text (ISO-8859-1). */
	@Override
	public String toString() {
		return this.received.toString(StandardCharsets.ISO_8859_1);
	}

	private DirectClient.Response parse(byte[] bytes, boolean closed) {
		int bodyStart = headEnd(bytes, this.start);
		if (bodyStart < 0) {
			return null;
		}
		String[] lines = new String(bytes, this.start, bodyStart - 4 - this.start, StandardCharsets.ISO_8859_1)
			.split("\r\n");
		int status = Integer.parseInt(lines[0].substring(9, 12));
		List<Header> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.add(new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
		}
		DirectClient.Response noBody = new DirectClient.Response(status, headers, new byte[0]);
		if (status < 200 || status == 204 || status == 304 || this.head) {
			return noBody;
		}
		String length = noBody.header("Content-Length");
		if (length != null) {
			int end = bodyStart + Integer.parseInt(length);
			return (bytes.length < end) ? null
					: new DirectClient.Response(status, headers, Arrays.copyOfRange(bytes, bodyStart, end));
		}
		if ("chunked".equalsIgnoreCase(noBody.header("Transfer-Encoding"))) {
			byte[] body = dechunk(bytes, bodyStart);
			return (body != null) ? new DirectClient.Response(status, headers, body) : null;
		}
		return closed ? new DirectClient.Response(status, headers, Arrays.copyOfRange(bytes, bodyStart, bytes.length))
				: null;
	}

	/** The body of a complete chunked message at {@code from}, else {@code null}. */
	private static byte[] dechunk(byte[] bytes, int from) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int pos = from;
		while (true) {
			int lineEnd = indexOf(bytes, pos, "\r\n");
			if (lineEnd < 0) {
				return null;
			}
			String line = new String(bytes, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
			int semicolon = line.indexOf(';');
			int size = Integer.parseInt((semicolon < 0) ? line.trim() : line.substring(0, semicolon).trim(), 16);
			pos = lineEnd + 2;
			if (size == 0) { // no trailers, or trailers up to an empty line
				return (headEnd(bytes, pos - 2) >= 0) ? body.toByteArray() : null;
			}
			if (pos + size + 2 > bytes.length) {
				return null;
			}
			body.write(bytes, pos, size);
			pos += size + 2;
		}
	}

	/** Just past the blank line that ends the head starting at {@code from}, or -1. */
	private static int headEnd(byte[] bytes, int from) {
		int i = indexOf(bytes, from, "\r\n\r\n");
		return (i < 0) ? -1 : i + 4;
	}

	private static int indexOf(byte[] bytes, int from, String what) {
		outer: for (int i = from; i <= bytes.length - what.length(); i++) {
			for (int j = 0; j < what.length(); j++) {
				if (bytes[i + j] != what.charAt(j)) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
