package io.mongoose.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A raw client of an event stream: sends a request and collects every byte the server
 * writes (head, chunk lines and events, exactly as sent), waiting for conditions on them
 * with a deadline, never for a while.
 */
final class EventStreamClient implements AutoCloseable {

	static final long TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final InputStream in;

	private final StringBuilder received = new StringBuilder();

	private boolean ended;

	EventStreamClient(int port, String request) throws IOException {
		this(port, request, 0);
	}

	/**
	 * @param receiveBuffer the socket's receive buffer, 0 for the default
	 */
	EventStreamClient(int port, String request, int receiveBuffer) throws IOException {
		this.socket = new Socket();
		if (receiveBuffer > 0) {
			this.socket.setReceiveBufferSize(receiveBuffer);
		}
		this.socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(50);
		this.in = this.socket.getInputStream();
		this.socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	static String get(String path, String... headers) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
				+ String.join("", java.util.Arrays.stream(headers).map((h) -> h + "\r\n").toList()) + "\r\n";
	}

	/** Reads until what arrived contains {@code text}; all that arrived. */
	String until(String text) throws IOException {
		return until((all) -> all.contains(text), "'" + text.replace("\r\n", "\\r\\n").replace("\n", "\\n") + "'");
	}

	/** Reads until {@code condition} holds on what arrived. */
	String until(Predicate<String> condition, String what) throws IOException {
		long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
		while (!condition.test(this.received.toString())) {
			if (this.ended || System.currentTimeMillis() > deadline) {
				throw new AssertionError(
						"no " + what + (this.ended ? " before the stream closed" : " within " + TIMEOUT_MILLIS + " ms")
								+ "; received:\n" + this.received);
			}
			readOnce();
		}
		return this.received.toString();
	}

	/** Reads until the server closes the connection; all that arrived. */
	String untilClosed() throws IOException {
		long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
		while (!this.ended) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("still open after " + TIMEOUT_MILLIS + " ms; received:\n" + this.received);
			}
			readOnce();
		}
		return this.received.toString();
	}

	private void readOnce() throws IOException {
		byte[] buffer = new byte[8192];
		try {
			int n = this.in.read(buffer);
			if (n < 0) {
				this.ended = true;
			}
			else {
				this.received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
			}
		}
		catch (SocketTimeoutException ex) {
			// nothing yet: the deadline decides
		}
		catch (java.net.SocketException ex) {
			this.ended = true; // reset
		}
	}

	/** One chunk of a chunked body holding {@code text}, as it is on the wire. */
	static String chunk(String text) {
		return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
