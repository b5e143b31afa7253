package io.mongoose.boot;

import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} run as a child process on a free loopback port, for the
 * relay tests; it can be stopped and started again on the same port. The system's
 * ({@code /usr/bin/redis-server}, Debian package {@code redis-server}) when there is one,
 * else the Linux x86-64 binary that the test dependency
 * {@code com.github.codemonstur:embedded-redis} ships, copied out of its jar once.
 */
final class RedisServerProcess implements AutoCloseable {

	static final String SYSTEM_BINARY = "/usr/bin/redis-server";

	/** The binary in the embedded-redis jar, a Redis 6.2 (no sharded pub/sub). */
	private static final String SHIPPED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

	private static Path binary;

	private final int port;

	private final Path directory;

	private final List<String> options;

	private Process process;

	private RedisServerProcess(int port, Path directory, List<String> options) {
		this.port = port;
		this.directory = directory;
		this.options = options;
	}

	/**
	 * Starts a server on a free loopback port; fails (never skips) if there is no binary.
	 */
	static RedisServerProcess start() throws IOException {
		RedisServerProcess redis = new RedisServerProcess(freePort(), Files.createTempDirectory("redis-test"),
				List.of());
		redis.start(true);
		return redis;
	}

	/**
	 * Starts a one-node Redis Cluster (Redis 7+, the system's binary) that owns every
	 * hash slot, and waits until the cluster says it is {@code ok}; its node
	 * configuration stays in its directory, so {@link #restart()} brings the same cluster
	 * back.
	 */
	static RedisServerProcess startCluster() throws IOException {
		Path directory = Files.createTempDirectory("redis-cluster-test");
		RedisServerProcess redis = new RedisServerProcess(freePort(), directory, List.of("--cluster-enabled", "yes",
				"--cluster-config-file", directory.resolve("nodes.conf").toString()));
		redis.start(true);
		String added = redis.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
		if (!added.equals("+OK")) {
			redis.stop();
			throw new AssertionError("CLUSTER ADDSLOTSRANGE answered " + added + " (Redis 7+ is needed)");
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!redis.bulk("CLUSTER", "INFO").contains("cluster_state:ok")) {
			if (System.nanoTime() > deadline) {
				redis.stop();
				throw new AssertionError("The one-node cluster on port " + redis.port + " is not ok after 10 s");
			}
			sleep(50);
		}
		return redis;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
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
		List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()));
		command.addAll(this.options);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
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

	/**
	 * The system's binary, else the shipped one (for Linux x86-64 only);
	 * {@code -Dredis-server=shipped} takes the shipped one anyway, to check it.
	 */
	static synchronized Path binary() throws IOException {
		if (binary == null) {
			boolean system = !"shipped".equals(System.getProperty("redis-server"))
					&& new File(SYSTEM_BINARY).canExecute();
			binary = system ? Path.of(SYSTEM_BINARY) : shippedBinary();
		}
		return binary;
	}

	private static Path shippedBinary() throws IOException {
		boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
				&& List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
		try (InputStream in = RedisServerProcess.class.getResourceAsStream("/" + SHIPPED_BINARY)) {
			if (!linuxX64 || in == null) {
				throw new AssertionError(SYSTEM_BINARY + " is missing and the test dependency embedded-redis has no "
						+ "binary for this platform: install the Debian package 'redis-server' "
						+ "(apt-get install -y redis-server), as .ci/run does");
			}
			Path file = Files.createTempDirectory("redis-bin").resolve("redis-server");
			Files.copy(in, file);
			if (!file.toFile().setExecutable(true)) {
				throw new IOException("Cannot make " + file + " executable");
			}
			file.toFile().deleteOnExit();
			file.getParent().toFile().deleteOnExit();
			return file;
		}
	}

	/**
	 * Sends one command over a new connection and returns the first line of the reply,
	 * for example {@code ":1"} or {@code "+OK"}; arguments are sent as bulk strings, so
	 * they may hold any bytes.
	 */
	String command(byte[]... args) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request(args));
			socket.getOutputStream().flush();
			return line(socket.getInputStream());
		}
	}

	/** A command as RESP: an array of bulk strings, so arguments may hold any bytes. */
	private static byte[] request(byte[]... args) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (byte[] arg : args) {
			request.write(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			request.write(arg);
			request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return request.toByteArray();
	}

	private static byte[] request(String... args) throws IOException {
		return request(bytes(args));
	}

	private static byte[][] bytes(String... args) {
		byte[][] bytes = new byte[args.length][];
		for (int i = 0; i < args.length; i++) {
			bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
	}

	/** One reply line without its CRLF. */
	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
			line.append((char) b);
		}
		in.read(); // the LF
		return line.toString();
	}

	/** Sends one command and returns its bulk-string reply, for example CLUSTER INFO. */
	String bulk(String... args) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request(args));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String header = line(in);
			if (!header.startsWith("$")) {
				return header;
			}
			return new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8);
		}
	}

	/** {@link #command(byte[]...)} with text arguments. */
	String command(String... args) throws IOException {
		return command(bytes(args));
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
