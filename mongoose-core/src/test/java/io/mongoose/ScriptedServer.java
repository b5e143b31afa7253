package io.mongoose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on an ephemeral port of 127.0.0.1 that plays a script on each accepted
 * socket (one thread each): for upstreams that misbehave in ways the real server never
 * does, stalling or sending garbage.
 */
public final class ScriptedServer implements AutoCloseable {

	/** What to do with one accepted socket; the socket is closed afterwards. */
	@FunctionalInterface
	public interface Script {

		void play(Socket socket) throws Exception;

	}

	/**
	 * What to do with a WebSocket upgrade request, given its {@code Sec-WebSocket-Key}.
	 */
	@FunctionalInterface
	public interface WebSocketScript {

		void play(Socket socket, String key) throws Exception;

	}

	private final ServerSocket listener;

	private final AtomicInteger accepted = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	/** A frame from a client: it must be masked (RFC 6455 §5.1); the payload unmasked. */
	public record ClientFrame(int firstByte, byte[] payload) {

		public int opcode() {
			return this.firstByte & 0x0F;
		}

		public int closeCode() {
			return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

	}

	public ScriptedServer(Script script) throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(() -> {
			while (!this.listener.isClosed()) {
				Socket socket;
				try {
					socket = this.listener.accept();
				}
				catch (IOException ex) {
					return; // closed
				}
				this.accepted.incrementAndGet();
				this.sockets.add(socket);
				Thread player = new Thread(() -> {
					try (socket) {
						script.play(socket);
					}
					catch (Exception ex) {
						// the client went away, or the test ended
					}
				}, "scripted-connection");
				player.setDaemon(true);
				player.start();
			}
		}, "scripted-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** A server that reads the upgrade request and hands its key to {@code script}. */
	public static ScriptedServer webSocket(WebSocketScript script) throws IOException {
		return new ScriptedServer(socket -> {
			String head = readHead(socket.getInputStream());
			java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?im)^Sec-WebSocket-Key: *(\\S+)")
				.matcher(head);
			script.play(socket, key.find() ? key.group(1) : "");
		});
	}

	/** Accepts the upgrade: a correct 101. */
	public static void accept(Socket socket, String key) throws IOException {
		write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + io.mongoose.ws.WebSocketHandshake.acceptKey(key) + "\r\n\r\n");
	}

	public String ws(String path) {
		return "ws://127.0.0.1:" + port() + path;
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	public int accepted() {
		return this.accepted.get();
	}

	/** Reads a request head up to its blank line. */
	public static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while (matched < 4 && (b = in.read()) >= 0) {
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : (b == '\r') ? 1 : 0;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	public static void write(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	/** Reads one client frame; fails if it is not masked. */
	public static ClientFrame readClientFrame(InputStream in) throws IOException {
		int b0 = in.read();
		int b1 = in.read();
		if (b0 < 0 || b1 < 0) {
			throw new java.io.EOFException("the client closed");
		}
		if ((b1 & 0x80) == 0) {
			throw new IOException("a client frame must be masked");
		}
		int length = b1 & 0x7F;
		if (length == 126) {
			length = (in.read() << 8) | in.read();
		}
		else if (length == 127) {
			long n = 0;
			for (int i = 0; i < 8; i++) {
				n = (n << 8) | in.read();
			}
			length = Math.toIntExact(n);
		}
		byte[] mask = in.readNBytes(4);
		byte[] payload = in.readNBytes(length);
		for (int i = 0; i < payload.length; i++) {
			payload[i] ^= mask[i & 3];
		}
		return new ClientFrame(b0, payload);
	}

	/** Blocks until the client closes the socket (or the server is closed). */
	public static void awaitClose(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		while (in.read() >= 0) {
			// drain
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
