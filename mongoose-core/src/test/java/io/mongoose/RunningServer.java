package io.mongoose;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real server on an ephemeral port, polled by its own thread, for tests over real
 * sockets. {@code setup} configures the server before {@link Server#start()} polls it.
 */
public final class RunningServer implements AutoCloseable {

	private final Server server;

	private final Thread thread;

	private final int port;

	private RunningServer(Object param, Consumer<Server> setup) throws InterruptedException {
		this.server = Server.create(param);
		try {
			String error = this.server.setOption("listening_port", "127.0.0.1:0");
			if (error != null) {
				throw new IllegalStateException(error);
			}
			setup.accept(this.server);
		}
		catch (RuntimeException ex) {
			this.server.destroy();
			throw ex;
		}
		this.server.start();
		CompletableFuture<Thread> io = new CompletableFuture<>();
		this.server.execute(() -> io.complete(Thread.currentThread()));
		try {
			this.thread = io.get(10, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("the IO thread did not start", ex);
		}
		this.port = this.server.getLocalPort();
	}

	public static RunningServer start(Consumer<Server> setup) throws InterruptedException {
		return new RunningServer(null, setup);
	}

	public static RunningServer start(Object param, Consumer<Server> setup) throws InterruptedException {
		return new RunningServer(param, setup);
	}

	public Server server() {
		return this.server;
	}

	public int port() {
		return this.port;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	public Thread ioThread() {
		return this.thread;
	}

	/** GET with the JDK client. */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return client().send(
				HttpRequest.newBuilder(java.net.URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The class path for a child JVM that runs a test class: the tests run inside the
	 * module {@code io.mongoose}, so neither the core nor its tests are on
	 * {@code java.class.path}, only the test dependencies.
	 */
	public static String childClassPath() {
		return String.join(File.pathSeparator, location(Server.class), location(RunningServer.class),
				System.getProperty("java.class.path"));
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static HttpClient client() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Sends raw bytes on a fresh socket and reads until the server closes or the timeout.
	 */
	public String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return readAll(socket.getInputStream());
		}
	}

	public static String readAll(InputStream in) throws IOException {
		StringBuilder sb = new StringBuilder();
		byte[] buf = new byte[8192];
		try {
			int n;
			while ((n = in.read(buf)) > 0) {
				sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			// return what arrived
		}
		return sb.toString();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.close();
	}

}
