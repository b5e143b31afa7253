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
final class ScriptedServer implements AutoCloseable {

	/** What to do with one accepted socket; the socket is closed afterwards. */
	@FunctionalInterface
	interface Script {

		void play(Socket socket) throws Exception;

	}

	private final ServerSocket listener;

	private final AtomicInteger accepted = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	ScriptedServer(Script script) throws IOException {
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

	int port() {
		return this.listener.getLocalPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	int accepted() {
		return this.accepted.get();
	}

	/** Reads a request head up to its blank line. */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while (matched < 4 && (b = in.read()) >= 0) {
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : (b == '\r') ? 1 : 0;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	static void write(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	/** Blocks until the client closes the socket (or the server is closed). */
	static void awaitClose(Socket socket) throws IOException {
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
