package io.mongoose.test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A deliberately dumb, blocking WebSocket client for socket-level tests: it sends exactly
 * the bytes it is told to (including broken frames) and checks what the server sends back
 * strictly (server frames must be unmasked with RSV clear). It shares no code with the
 * server side, so a bug in the production encoder cannot hide itself.
 * <p>
 * After {@link #useDeflate} it speaks permessage-deflate (RFC 7692) as negotiated: it
 * sends compressed messages with {@link #sendCompressed} and inflates what
 * {@link #readMessage} receives, still strictly: RSV1 only on the first frame of a data
 * message, the compressed data must inflate completely.
 * <p>
 * Over 400 lines because it is a complete strict client (handshake, masking, fragments,
 * permessage-deflate) that tests drive frame by frame.
 */
public final class RawWebSocketClient implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final String host;

	private final int port;

	/** permessage-deflate state once negotiated; {@code null} before. */
	private Deflater deflater;

	private Inflater inflater;

	private boolean serverNoContextTakeover;

	private boolean clientNoContextTakeover;

	/** A frame received from the server. */
	public record Frame(int firstByte, byte[] payload) {
		public int opcode() {
			return firstByte & 0x0F;
		}

		public boolean fin() {
			return (firstByte & 0x80) != 0;
		}

		public String text() {
			return new String(payload, StandardCharsets.UTF_8);
		}

		/** Close code of a close frame, 1005 when it has no payload. */
		public int closeCode() {
			return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		}
	}

	/**
	 * A whole message received: its opcode, its (inflated) payload and whether it came
	 * compressed.
	 */
	public record Message(int opcode, byte[] data, boolean compressed) {
		public String text() {
			return new String(data, StandardCharsets.UTF_8);
		}
	}

	/** The server's answer to the upgrade request; header names are case-insensitive. */
	public record HandshakeResponse(String statusLine, int status, Map<String, String> headers) {
		public String header(String name) {
			return headers.get(name);
		}
	}

	/** Connects with a 5 s connect timeout. */
	public RawWebSocketClient(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(host, port), 5000);
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/** Upgrades {@code path}; fails unless the answer is a correct 101. */
	public HandshakeResponse handshake(String path) throws IOException {
		return handshake(path, Map.of(), true);
	}

	/**
	 * Sends a version-13 upgrade request for {@code path} with a fresh random key plus
	 * {@code extraHeaders} (which override the defaults of the same name,
	 * case-insensitively; an empty value removes a default header), then reads the
	 * response head.
	 * @param requireSwitch throw unless the status is 101 with the right
	 * Sec-WebSocket-Accept
	 */
	public HandshakeResponse handshake(String path, Map<String, String> extraHeaders, boolean requireSwitch)
			throws IOException {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.put("Host", host + ":" + port);
		headers.put("Upgrade", "websocket");
		headers.put("Connection", "Upgrade");
		headers.put("Sec-WebSocket-Key", key);
		headers.put("Sec-WebSocket-Version", "13");
		headers.putAll(extraHeaders);
		StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
		headers.forEach((name, value) -> {
			if (!value.isEmpty()) {
				request.append(name).append(": ").append(value).append("\r\n");
			}
		});
		request.append("\r\n");
		sendRaw(request.toString().getBytes(StandardCharsets.ISO_8859_1));

		socket.setSoTimeout(5000);
		HandshakeResponse response = parseHead(readHead());
		if (requireSwitch) {
			if (response.status() != 101) {
				throw new IOException("expected 101 Switching Protocols, got: " + response.statusLine());
			}
			String expected = expectedAccept(headers.get("Sec-WebSocket-Key"));
			if (!expected.equals(response.header("Sec-WebSocket-Accept"))) {
				throw new IOException("bad Sec-WebSocket-Accept " + response.header("Sec-WebSocket-Accept")
						+ ", expected " + expected);
			}
		}
		return response;
	}

	/**
	 * Sends one frame; client frames should be masked, {@code masked=false} is for
	 * negative tests.
	 */
	public void sendFrame(int firstByte, byte[] payload, boolean masked) throws IOException {
		byte[] mask = null;
		if (masked) {
			mask = new byte[4];
			RANDOM.nextBytes(mask);
		}
		sendRaw(encodeFrame(firstByte, payload, mask, false));
	}

	/**
	 * Turns permessage-deflate on as the server's {@code Sec-WebSocket-Extensions} answer
	 * says.
	 * @throws IOException unless it accepts exactly {@code permessage-deflate} with known
	 * parameters, each at most once
	 */
	public void useDeflate(String extensionsResponse) throws IOException {
		if (extensionsResponse == null) {
			throw new IOException("the server did not accept permessage-deflate");
		}
		String[] parts = extensionsResponse.split(";");
		if (!parts[0].trim().equals("permessage-deflate") || extensionsResponse.contains(",")) {
			throw new IOException("unexpected extension answer: " + extensionsResponse);
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (int i = 1; i < parts.length; i++) {
			String param = parts[i].trim();
			String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
			if (!seen.add(name)) {
				throw new IOException("parameter given twice: " + extensionsResponse);
			}
			switch (param) {
				case "server_no_context_takeover" -> this.serverNoContextTakeover = true;
				case "client_no_context_takeover" -> this.clientNoContextTakeover = true;
				default -> {
					if (!param.matches("server_max_window_bits=(8|9|1[0-5])")) {
						throw new IOException("unexpected parameter '" + param + "' in " + extensionsResponse);
					}
				}
			}
		}
		this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		this.inflater = new Inflater(true);
	}

	/** The server said {@code server_no_context_takeover}. */
	public boolean serverNoContextTakeover() {
		return this.serverNoContextTakeover;
	}

	/** The server said {@code client_no_context_takeover}. */
	public boolean clientNoContextTakeover() {
		return this.clientNoContextTakeover;
	}

	/**
	 * Compresses a message as permessage-deflate does: deflated, flushed, without the
	 * final {@code 00 00 FF FF}; with this client's context unless the server said
	 * {@code client_no_context_takeover}.
	 */
	public byte[] compress(byte[] data) {
		requireDeflate();
		byte[] out = deflate(this.deflater, data);
		if (this.clientNoContextTakeover) {
			this.deflater.reset();
		}
		return out;
	}

	/** {@link #compress} sent masked in {@code frames} frames, RSV1 on the first. */
	public void sendCompressed(int opcode, byte[] data, int frames) throws IOException {
		byte[] compressed = compress(data);
		int step = Math.max(1, (compressed.length + frames - 1) / frames);
		for (int i = 0, from = 0; i < frames; i++, from += step) {
			int to = (i == frames - 1) ? compressed.length : Math.min(compressed.length, from + step);
			byte[] piece = java.util.Arrays.copyOfRange(compressed, Math.min(from, to), to);
			int first = ((i == frames - 1) ? 0x80 : 0) | ((i == 0) ? 0x40 | opcode : 0);
			sendFrame(first, piece, true);
		}
	}

	/** Raw deflate of {@code data} with a fresh deflater, tail stripped. */
	public static byte[] deflate(byte[] data) {
		Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			return deflate(d, data);
		}
		finally {
			d.end();
		}
	}

	private static byte[] deflate(Deflater d, byte[] data) {
		d.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		int n;
		do {
			n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
			out.write(buf, 0, n);
		}
		while (n == buf.length);
		byte[] all = out.toByteArray();
		return java.util.Arrays.copyOf(all, all.length - 4);
	}

	/**
	 * Reads one whole message: data fragments reassembled and inflated when the first had
	 * RSV1; a control frame is a message of its own.
	 */
	public Message readMessage(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Frame first = readFrame(timeout);
		if (first.opcode() >= 0x8) {
			return new Message(first.opcode(), first.payload(), false);
		}
		if (first.opcode() == 0) {
			throw new IOException("continuation frame without a message");
		}
		boolean compressed = (first.firstByte() & 0x40) != 0;
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		data.writeBytes(first.payload());
		Frame frame = first;
		while (!frame.fin()) {
			frame = readFrame(remaining(deadline));
			if (frame.opcode() != 0) {
				throw new IOException("expected a continuation, got opcode " + frame.opcode());
			}
			data.writeBytes(frame.payload());
		}
		return new Message(first.opcode(), compressed ? inflate(data.toByteArray()) : data.toByteArray(), compressed);
	}

	private byte[] inflate(byte[] compressed) throws IOException {
		Inflater in = this.inflater;
		byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
		input[input.length - 2] = (byte) 0xFF;
		input[input.length - 1] = (byte) 0xFF;
		in.setInput(input);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		try {
			while (true) {
				int n = in.inflate(buf);
				out.write(buf, 0, n);
				if (in.finished() || in.needsDictionary()) {
					throw new IOException("compressed message ends its deflate stream or needs a dictionary");
				}
				if (n == 0 && in.needsInput()) {
					break;
				}
			}
		}
		catch (DataFormatException ex) {
			throw new IOException("server sent invalid deflate data", ex);
		}
		if (this.serverNoContextTakeover) {
			in.reset();
		}
		return out.toByteArray();
	}

	private void requireDeflate() {
		if (this.deflater == null) {
			throw new IllegalStateException("permessage-deflate is not in use: call useDeflate first");
		}
	}

	/** Sends bytes exactly as given. */
	public void sendRaw(byte[] bytes) throws IOException {
		out.write(bytes);
		out.flush();
	}

	/**
	 * Reads one server frame; fails on timeout, EOF, a masked frame or RSV bits (but RSV1
	 * on the first frame of a data message once permessage-deflate is in use).
	 */
	public Frame readFrame(Duration timeout) throws IOException {
		socket.setSoTimeout(toMillis(timeout));
		return readServerFrame(in, this.inflater != null);
	}

	/**
	 * Reads frames until a close frame and returns its code (1005 if it had none), then
	 * requires the server to close TCP within {@code timeout}.
	 * @throws AssertionError if the server keeps the connection open after its close
	 * frame
	 */
	public int expectClose(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Frame frame;
		do {
			frame = readFrame(remaining(deadline));
		}
		while (frame.opcode() != 0x8);
		int code = frame.closeCode();
		if (!isClosedByServer(remaining(deadline))) {
			throw new AssertionError(
					"server sent close " + code + " but did not close the TCP connection within " + timeout);
		}
		return code;
	}

	/**
	 * Waits until the server closes the connection, discarding anything it still sends.
	 * @return true on EOF or reset, false if the connection is still open after
	 * {@code timeout}
	 */
	public boolean isClosedByServer(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		byte[] sink = new byte[4096];
		try {
			while (true) {
				socket.setSoTimeout(toMillis(remaining(deadline)));
				if (in.read(sink) < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException e) {
			return false;
		}
		catch (SocketException e) {
			return true; // connection reset: closed too
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	/**
	 * Encodes a frame as a client would. {@code mask} null means unmasked;
	 * {@code force64} uses the 64-bit length form whatever the length (to test lenient
	 * decoding and the top bit).
	 */
	public static byte[] encodeFrame(int firstByte, byte[] payload, byte[] mask, boolean force64) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write(firstByte);
		int maskBit = mask == null ? 0 : 0x80;
		int n = payload.length;
		if (n <= 125 && !force64) {
			frame.write(maskBit | n);
		}
		else if (n <= 0xFFFF && !force64) {
			frame.write(maskBit | 126);
			frame.write(n >>> 8);
			frame.write(n);
		}
		else {
			frame.write(maskBit | 127);
			long len = n;
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (len >>> shift));
			}
		}
		if (mask != null) {
			frame.write(mask, 0, 4);
		}
		for (int i = 0; i < n; i++) {
			frame.write(mask == null ? payload[i] : payload[i] ^ mask[i % 4]);
		}
		return frame.toByteArray();
	}

	/** Reads one server frame from a stream, strictly: unmasked, RSV clear. */
	public static Frame readServerFrame(InputStream in) throws IOException {
		return readServerFrame(in, false);
	}

	private static Frame readServerFrame(InputStream in, boolean deflate) throws IOException {
		int b0 = readByte(in);
		int b1 = readByte(in);
		int opcode = b0 & 0x0F;
		boolean rsv1Allowed = deflate && (opcode == 1 || opcode == 2);
		if ((b0 & 0x70) != 0 && !((b0 & 0x70) == 0x40 && rsv1Allowed)) {
			throw new IOException("server frame has RSV bits set: 0x" + Integer.toHexString(b0));
		}
		if ((b1 & 0x80) != 0) {
			throw new IOException("server frame is masked (RFC 6455 §5.1 forbids it)");
		}
		long len = b1 & 0x7F;
		if (len == 126) {
			len = ((long) readByte(in) << 8) | readByte(in);
		}
		else if (len == 127) {
			len = 0;
			for (int i = 0; i < 8; i++) {
				len = (len << 8) | readByte(in);
			}
		}
		if (len < 0 || len > Integer.MAX_VALUE - 8) {
			throw new IOException("server frame length out of range: " + len);
		}
		byte[] payload = in.readNBytes((int) len);
		if (payload.length != len) {
			throw new EOFException("connection closed inside a frame payload");
		}
		return new Frame(b0, payload);
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new EOFException("connection closed by server");
		}
		return b;
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = readByte(in);
			head.write(b);
			matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
			if (head.size() > 65536) {
				throw new IOException("response head larger than 64 KiB");
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static HandshakeResponse parseHead(String head) throws IOException {
		List<String> lines = List.of(head.split("\r\n"));
		String statusLine = lines.get(0);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("not an HTTP status line: " + statusLine);
		}
		int status;
		try {
			status = Integer.parseInt(parts[1]);
		}
		catch (NumberFormatException e) {
			throw new IOException("bad status code in: " + statusLine, e);
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line : lines.subList(1, lines.size())) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(),
						(a, b) -> a + ", " + b);
			}
		}
		return new HandshakeResponse(statusLine, status, Collections.unmodifiableMap(headers));
	}

	private static String expectedAccept(String key) {
		try {
			byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1")
				.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
			return Base64.getEncoder().encodeToString(sha1);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
	}

	private static int toMillis(Duration d) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
	}

}
