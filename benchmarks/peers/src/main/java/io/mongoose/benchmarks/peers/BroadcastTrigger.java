package io.mongoose.benchmarks.peers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /broadcast} over one keep-alive connection: each request leaves in one
 * write on a {@code TCP_NODELAY} socket, so the trigger adds no Nagle delay, and the next
 * one is sent once the reply is read. A connection the server closes is opened again.
 */
final class BroadcastTrigger implements AutoCloseable {

	private final InetSocketAddress address;

	private final int timeoutMillis;

	private Socket socket;

	private InputStream in;

	BroadcastTrigger(String host, int port, int timeoutMillis) {
		this.address = new InetSocketAddress(host, port);
		this.timeoutMillis = timeoutMillis;
	}

	/** Sends {@code body} and waits for a 2xx reply; any other status is an error. */
	void post(byte[] body) throws IOException {
		if (this.socket == null) {
			connect();
		}
		byte[] head = ("POST /broadcast HTTP/1.1\r\nHost: " + this.address.getHostString() + ":"
				+ this.address.getPort() + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		this.socket.getOutputStream().write(request);
		readReply();
	}

	private void connect() throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(this.timeoutMillis);
		this.socket.connect(this.address, this.timeoutMillis);
		this.in = new BufferedInputStream(this.socket.getInputStream());
	}

	private void readReply() throws IOException {
		String status = line();
		String[] parts = status.split(" ", 3);
		if (parts.length < 2 || !parts[1].startsWith("2")) {
			throw new IOException("POST /broadcast answered: " + status);
		}
		long length = -1;
		boolean chunked = false;
		boolean close = status.startsWith("HTTP/1.0");
		for (String header = line(); !header.isEmpty(); header = line()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:")) {
				close = lower.contains("close") || (close && !lower.contains("keep-alive"));
			}
		}
		if (chunked) {
			for (long size = chunkSize(); size > 0; size = chunkSize()) {
				skip(size + 2); // the data and its CRLF
			}
			String trailer = line();
			while (!trailer.isEmpty()) {
				trailer = line();
			}
		}
		else if (length >= 0) {
			skip(length);
		}
		else {
			close = true; // the body ends with the connection
		}
		if (close) {
			close();
		}
	}

	private long chunkSize() throws IOException {
		return Long.parseLong(line().split(";")[0].trim(), 16);
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new IOException("the server closed the trigger connection");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private void skip(long count) throws IOException {
		for (long left = count; left > 0; left--) {
			if (this.in.read() < 0) {
				throw new IOException("the server closed the trigger connection");
			}
		}
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
			this.socket = null;
		}
	}

}
