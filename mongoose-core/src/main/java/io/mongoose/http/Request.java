package io.mongoose.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.mongoose.Header;

/**
 * One parsed request head, reused for every request of a connection. Headers stay where
 * they are in the receive buffer (the parser records offsets); a header's String is only
 * made when a handler asks for it, so serving a request allocates little beyond its path.
 * A WebSocket keeps a copy of its upgrade request's head, {@link #detach detached} from
 * the buffer.
 */
final class Request {

	/** The receive buffer's current array (it may be replaced when it grows). */
	private final Supplier<byte[]> buffer;

	String method;

	/** Decoded, normalised path. */
	String path;

	/**
	 * {@link #path} for routing: the same String, unless the target encodes a slash
	 * ({@code %2F}), which then stays inside its segment as a NUL.
	 */
	String routingPath;

	/** 10 for HTTP/1.0, 11 for HTTP/1.1. */
	int version;

	/**
	 * Bytes of the head including the blank line, counted from the start of the buffer.
	 */
	int headLength;

	/** -1 when the request has no Content-Length. */
	long contentLength;

	boolean chunked;

	/** From the Connection and Upgrade headers, read once while parsing. */
	boolean connectionClose;

	boolean connectionKeepAlive;

	boolean upgradeWebSocket;

	private String query;

	/** The last plain path parsed on this connection, kept across requests for reuse. */
	String previousPlainPath;

	int queryStart = -1;

	int queryEnd;

	/** Per header: name start, name end, value start, value end. */
	private int[] offsets = new int[4 * 8];

	private int count;

	/**
	 * A copy of the head, made when the receive buffer moves on to other bytes (a
	 * WebSocket's frames): one array instead of a String per header for the connection's
	 * whole life.
	 */
	private byte[] detached;

	Request(Supplier<byte[]> buffer) {
		this.buffer = buffer;
	}

	void reset() {
		this.method = null;
		this.path = null;
		this.routingPath = null;
		this.query = null;
		this.queryStart = -1;
		this.version = 0;
		this.count = 0;
		this.detached = null;
		this.headLength = 0;
		this.contentLength = -1;
		this.chunked = false;
		this.connectionClose = false;
		this.connectionKeepAlive = false;
		this.upgradeWebSocket = false;
	}

	void addHeader(int nameStart, int nameEnd, int valueStart, int valueEnd) {
		int i = 4 * this.count;
		if (i == this.offsets.length) {
			this.offsets = Arrays.copyOf(this.offsets, i * 2);
		}
		this.offsets[i] = nameStart;
		this.offsets[i + 1] = nameEnd;
		this.offsets[i + 2] = valueStart;
		this.offsets[i + 3] = valueEnd;
		this.count++;
	}

	int headerCount() {
		return this.count;
	}

	/** Whether header {@code i}'s name equals {@code name}, ignoring case. */
	boolean nameIs(int i, String name) {
		int start = this.offsets[4 * i];
		int length = this.offsets[4 * i + 1] - start;
		if (length != name.length()) {
			return false;
		}
		byte[] buf = bytes();
		for (int k = 0; k < length; k++) {
			if (!Tokens.sameIgnoringCase(buf[start + k], name.charAt(k))) {
				return false;
			}
		}
		return true;
	}

	int valueStart(int i) {
		return this.offsets[4 * i + 2];
	}

	int valueEnd(int i) {
		return this.offsets[4 * i + 3];
	}

	String value(int i) {
		int start = valueStart(i);
		return new String(bytes(), start, valueEnd(i) - start, StandardCharsets.ISO_8859_1);
	}

	String header(String name) {
		for (int i = 0; i < this.count; i++) {
			if (nameIs(i, name)) {
				return value(i);
			}
		}
		return null;
	}

	/**
	 * Whether a comma-separated header (such as Connection) holds {@code token}, without
	 * allocating.
	 */
	boolean headerHasToken(String name, String token) {
		for (int i = 0; i < this.count; i++) {
			if (nameIs(i, name) && Tokens.contains(bytes(), valueStart(i), valueEnd(i), token)) {
				return true;
			}
		}
		return false;
	}

	List<Header> headers() {
		List<Header> list = new ArrayList<>(this.count);
		byte[] buf = bytes();
		for (int i = 0; i < this.count; i++) {
			int ns = this.offsets[4 * i];
			String name = new String(buf, ns, this.offsets[4 * i + 1] - ns, StandardCharsets.ISO_8859_1);
			list.add(new Header(name, value(i)));
		}
		return List.copyOf(list);
	}

	String query() {
		if (this.query == null && this.queryStart >= 0) {
			this.query = new String(bytes(), this.queryStart, this.queryEnd - this.queryStart,
					StandardCharsets.ISO_8859_1);
		}
		return this.query;
	}

	/** Copies the head out of the receive buffer, which is about to be consumed. */
	void detach() {
		if (this.detached == null) {
			this.detached = Arrays.copyOf(this.buffer.get(), this.headLength);
		}
	}

	private byte[] bytes() {
		return (this.detached != null) ? this.detached : this.buffer.get();
	}

	boolean hasBody() {
		return this.chunked || this.contentLength > 0;
	}

	String versionText() {
		return (this.version == 10) ? "1.0" : "1.1";
	}

}
