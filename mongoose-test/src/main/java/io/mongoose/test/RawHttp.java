package io.mongoose.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny HTTP/1.1 client over one socket for tests: sends raw requests and reads
 * responses framed by Content-Length (or until close), so keep-alive and exact bytes can
 * be checked.
 */
public final class RawHttp implements AutoCloseable {

	/** One response: status, headers (lower-case names), body bytes. */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private final Socket socket;

	private final InputStream in;

	public RawHttp(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(5000);
		this.in = this.socket.getInputStream();
	}

	/**
	 * GET (or any method) of {@code target} with extra header lines, on a fresh
	 * connection.
	 */
	public static Response request(int port, String method, String target, String... headers) throws IOException {
		try (RawHttp http = new RawHttp(port)) {
			return http.send(method, target, headers);
		}
	}

	public Response send(String method, String target, String... headers) throws IOException {
		StringBuilder sb = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
		for (String h : headers) {
			sb.append(h).append("\r\n");
		}
		sb.append("\r\n");
		sendRaw(sb.toString());
		return read("HEAD".equals(method));
	}

	public void sendRaw(String request) throws IOException {
		this.socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
		this.socket.getOutputStream().flush();
	}

	/** Reads one response; {@code head} = no body whatever the headers say. */
	public Response read(boolean head) throws IOException {
		String statusLine = line();
		if (statusLine == null) {
			return null;
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		String line;
		while ((line = line()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body;
		String length = headers.get("content-length");
		if (head || status == 304 || status == 204) {
			body = new byte[0];
		}
		else if (length != null) {
			body = this.in.readNBytes(Integer.parseInt(length));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			while (true) {
				int size = Integer.parseInt(line().trim(), 16);
				if (size == 0) {
					line();
					break;
				}
				out.write(this.in.readNBytes(size));
				line();
			}
			body = out.toByteArray();
		}
		else {
			body = this.in.readAllBytes();
		}
		return new Response(status, headers, body);
	}

	/**
	 * True if the server closed the connection (end of stream or reset) within the
	 * timeout.
	 */
	public boolean closedByServer() {
		try {
			return this.in.read() < 0;
		}
		catch (IOException ex) {
			return !(ex instanceof java.net.SocketTimeoutException);
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) >= 0) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				out.write(b);
			}
		}
		if (b < 0 && out.size() == 0) {
			return null;
		}
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
