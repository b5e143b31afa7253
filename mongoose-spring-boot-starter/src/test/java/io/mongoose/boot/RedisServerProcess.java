package io.mongoose.boot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) run as a child
 * process on a free loopback port, for the relay tests; it can be stopped and started
 * again on the same port.
 */
final class RedisServerProcess implements AutoCloseable {

	static final String BINARY = "/usr/bin/redis-server";

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServerProcess(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts a server on a free loopback port; fails (never skips) if the binary is
	 * missing.
	 */
	static RedisServerProcess start() throws IOException {
		if (!new File(BINARY).canExecute()) {
			throw new AssertionError(BINARY + " is missing: install the Debian package 'redis-server' "
					+ "(apt-get install -y redis-server), as .ci/run does");
		}
		int port;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			port = socket.getLocalPort();
		}
		RedisServerProcess redis = new RedisServerProcess(port, Files.createTempDirectory("redis-test"));
		redis.start(true);
		return redis;
	}

	int port() {
		return this.port;
	}

	/**
	 * Starts the server again on the same port after {@link #stop()}.
	 */
	void restart() throws IOException {
		start(true);
	}

	private void start(boolean waitReady) throws IOException {
		this.process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("redis.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (waitReady && !ping()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				String log = Files.readString(this.directory.resolve("redis.log"));
				this.process.destroyForcibly();
				throw new AssertionError("redis-server did not start on port " + this.port + ":\n" + log);
			}
			sleep(50);
		}
	}

	/**
	 * Stops the server (SIGTERM, then SIGKILL) and waits until the port refuses
	 * connections.
	 */
	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int n = in.read(reply);
			return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
