package io.mongoose.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.Server;

/**
 * The servers of the blocking-load benchmark ({@code run-blocking.sh}):
 * {@code GET /hello} answers at once, {@code GET /block} sleeps {@code BLOCK_MS} first,
 * as a handler that waits for a database would.
 * <ul>
 * <li>{@code mongoose}: {@code /block} is {@code Handler.blocking}, so it runs on the
 * worker executor ({@code worker_threads}, default max(8, 2 × cores), or
 * {@code -Dworkers=N});</li>
 * <li>{@code mongoose-inline}: the same handler without dispatch, on the IO thread: what
 * a handler that forgets to be marked blocking does to every other request;</li>
 * <li>{@code tomcat}: embedded Tomcat with Spring Boot's defaults (NIO connector, 200
 * threads, keep-alive), each request on a pool thread, as a Boot application on Tomcat
 * runs a blocking {@code @GetMapping} (without Spring MVC's own cost).</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar io.mongoose.benchmarks.BlockingServer
 * mongoose|mongoose-inline|tomcat PORT [BLOCK_MS]}.
 */
public final class BlockingServer {

	private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

	private BlockingServer() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: java -cp benchmarks.jar io.mongoose.benchmarks.BlockingServer "
					+ "mongoose|mongoose-inline|tomcat PORT [BLOCK_MS]");
			System.exit(2);
		}
		int port = Integer.parseInt(args[1]);
		long blockMillis = (args.length > 2) ? Long.parseLong(args[2]) : 10;
		switch (args[0]) {
			case "mongoose" -> mongoose(port, blockMillis, true);
			case "mongoose-inline" -> mongoose(port, blockMillis, false);
			case "tomcat" -> tomcat(port, blockMillis);
			default -> {
				System.err.println("unknown server " + args[0]);
				System.exit(2);
			}
		}
		System.out.println("BlockingServer " + args[0] + " listening on 127.0.0.1:" + port + ", /block sleeps "
				+ blockMillis + " ms");
		Thread.currentThread().join(); // serves until the process is killed
	}

	private static void mongoose(int port, long blockMillis, boolean dispatch) throws IOException {
		Server server = Server.create(null);
		check(server.setOption("listening_port", "127.0.0.1:" + port));
		String workers = System.getProperty("workers");
		if (workers != null) {
			check(server.setOption("worker_threads", workers));
		}
		check(server.setOption("watchdog_ms", "0")); // the inline variant stalls on
														// purpose
		server.addUriHandler("/hello", conn -> {
			conn.sendReply(200, "text/plain", HELLO);
			return Result.DONE;
		});
		Handler block = conn -> {
			Thread.sleep(blockMillis);
			conn.sendReply(200, "text/plain", HELLO);
			return Result.DONE;
		};
		server.addUriHandler("/block", dispatch ? Handler.blocking(block) : block);
		server.start();
	}

	private static void tomcat(int port, long blockMillis) throws Exception {
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(System.getProperty("java.io.tmpdir") + "/blocking-bench-tomcat-" + port);
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(port);
		connector.setProperty("address", "127.0.0.1");
		connector.setProperty("maxThreads", "200"); // Boot's server.tomcat.threads.max
		tomcat.getService().addConnector(connector);
		tomcat.setConnector(connector);
		Context context = tomcat.addContext("", null);
		Tomcat.addServlet(context, "hello", new HelloServlet(0)).addMapping("/hello");
		Tomcat.addServlet(context, "block", new HelloServlet(blockMillis)).addMapping("/block");
		tomcat.start();
	}

	private static void check(String error) {
		if (error != null) {
			throw new IllegalArgumentException(error);
		}
	}

	/** Hello, after sleeping a while when asked to. */
	private static final class HelloServlet extends HttpServlet {

		private static final long serialVersionUID = 1L;

		private final long sleepMillis;

		HelloServlet(long sleepMillis) {
			this.sleepMillis = sleepMillis;
		}

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			if (this.sleepMillis > 0) {
				try {
					Thread.sleep(this.sleepMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			response.setContentType("text/plain");
			response.setContentLength(HELLO.length);
			response.getOutputStream().write(HELLO);
		}

	}

}
