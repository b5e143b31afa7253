package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/** The seed API of {@link Server} over real sockets. */
class ServerApiTest {

	@Test
	void optionsHaveTheOriginalNamesDefaultsAndErrors() {
		Server server = Server.create(null);
		try {
			assertThat(Server.validOptionNames()).containsKeys("access_control_list", "access_log_file", "auth_domain",
					"cgi_interpreter", "cgi_pattern", "dav_auth_file", "document_root", "enable_directory_listing",
					"extra_mime_types", "global_auth_file", "hide_files_patterns", "idle_timeout_ms", "index_files",
					"listening_port", "run_as_user", "ssl_certificate", "url_rewrites");
			assertThat(Server.validOptionNames().get("auth_domain")).isEqualTo("mydomain.com");
			assertThat(server.getOption("document_root")).isEmpty();
			assertThat(server.getOption("idle_timeout_ms")).isEqualTo("30000");
			assertThat(server.getOption("no_such_thing")).isNull();
			assertThat(server.setOption("no_such_thing", "1")).isEqualTo("No such option: no_such_thing");
			assertThat(server.setOption("idle_timeout_ms", "soon")).contains("idle_timeout_ms");
			assertThat(server.getOption("idle_timeout_ms")).isEqualTo("30000");
			assertThat(server.setOption("run_as_user", "nobody")).contains("not supported");
			assertThat(server.setOption("document_root", "/definitely/not/here")).contains("not a directory");
			assertThat(server.setOption("listening_port", "99999")).contains("99999");
			assertThat(server.setOption("enable_directory_listing", "maybe")).contains("yes or no");
			assertThat(server.setOption("listening_port", "127.0.0.1:0")).isNull();
			assertThat(Integer.parseInt(server.getOption("listening_port"))).isPositive();
			assertThat(server.getLocalPort()).isEqualTo(Integer.parseInt(server.getOption("listening_port")));
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void portInUseIsAClearError() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			Server server = Server.create(null);
			try {
				String error = server.setOption("listening_port", "127.0.0.1:" + taken.getLocalPort());
				assertThat(error).startsWith("Cannot bind to port 127.0.0.1:" + taken.getLocalPort());
			}
			finally {
				server.destroy();
			}
		}
	}

	@Test
	void rebindingListeningPortMovesTheListener() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/", ok("x")))) {
			int first = rs.port();
			CountDownLatch done = new CountDownLatch(1);
			int[] second = new int[1];
			rs.server().execute(() -> {
				rs.server().setOption("listening_port", "127.0.0.1:0");
				second[0] = rs.server().getLocalPort();
				done.countDown();
			});
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(second[0]).isNotEqualTo(first);
			// the old socket is released when the selector next deregisters cancelled
			// keys
			CountDownLatch nextPoll = new CountDownLatch(1);
			rs.server().execute(nextPoll::countDown);
			assertThat(nextPoll.await(5, TimeUnit.SECONDS)).isTrue();
			rs.server().execute(() -> {
			});
			Thread.sleep(100);
			assertThat(rs.server().getLocalPort()).isEqualTo(second[0]);
			assertThatThrownBy(() -> new Socket("127.0.0.1", first).close()).isInstanceOf(java.io.IOException.class);
		}
	}

	@Test
	void duplicatePrefixIsAnError() {
		Server server = Server.create(null);
		server.addUriHandler("/a", ok("a"));
		assertThatThrownBy(() -> server.addUriHandler("/a", ok("b"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("/a");
		server.destroy();
	}

	@Test
	void ioThreadOnlyMethodsRefuseOtherThreads() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> {
		})) {
			Thread.sleep(100);
			assertThatThrownBy(() -> rs.server().setOption("idle_timeout_ms", "5"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("setOption")
				.hasMessageContaining(rs.ioThread().getName());
			assertThatThrownBy(() -> rs.server().addUriHandler("/x", ok("x")))
				.isInstanceOf(IllegalStateException.class);
			assertThatThrownBy(() -> rs.server().poll(1)).isInstanceOf(IllegalStateException.class);
		}
	}

	@Test
	void throwingHandlerGets500AndTheServerKeepsServing() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> {
			s.addUriHandler("/boom", c -> {
				throw new IllegalStateException("boom");
			});
			s.addUriHandler("/ok", ok("fine"));
		})) {
			assertThat(rs.get("/boom").statusCode()).isEqualTo(500);
			assertThat(rs.get("/ok").body()).isEqualTo("fine");
		}
	}

	@Test
	void notHandledFallsThroughAndErrorHandlerWritesThe404() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> {
			s.addUriHandler("/maybe", c -> Result.NOT_HANDLED);
			s.setHttpErrorHandler(c -> {
				if (c.statusCode() != 404) {
					return Result.NOT_HANDLED;
				}
				c.sendReply(404, "text/html", "<h1>custom " + c.uri() + "</h1>");
				return Result.DONE;
			});
		})) {
			HttpResponse<String> response = rs.get("/maybe/x");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).isEqualTo("<h1>custom /maybe/x</h1>");
			assertThat(rs.raw("GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("400 Bad Request\n");
		}
	}

	@Test
	void longRunningHandlerIsCalledOnEveryPollUntilDone() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/count", c -> {
			int n = (c.connectionParam() == null) ? 0 : (Integer) c.connectionParam();
			c.printfData("%d,", n);
			c.setConnectionParam(n + 1);
			return (n < 9) ? Result.CALL_AGAIN : Result.DONE;
		}))) {
			assertThat(rs.get("/count").body()).isEqualTo("0,1,2,3,4,5,6,7,8,9,");
		}
	}

	@Test
	void writeAndIterateFromOtherThreads() throws Exception {
		Set<Connection> connections = ConcurrentHashMap.newKeySet();
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/hold", c -> {
			connections.add(c);
			c.write("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			return Result.DONE;
		}))) {
			List<Socket> sockets = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				Socket socket = new Socket("127.0.0.1", rs.port());
				socket.setSoTimeout(5000);
				socket.getOutputStream()
					.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				sockets.add(socket);
			}
			waitFor(() -> connections.size() == 4);
			List<Thread> writers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread writer = new Thread(
						() -> connections.forEach(c -> c.write("0123456789".getBytes(StandardCharsets.US_ASCII))));
				writers.add(writer);
				writer.start();
			}
			for (Thread writer : writers) {
				writer.join();
			}
			for (Socket socket : sockets) {
				String reply = readExactly(socket.getInputStream(),
						"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n".length() + 40);
				assertThat(reply).endsWith("0123456789".repeat(4));
			}
			AtomicInteger visited = new AtomicInteger();
			int count = rs.server().iterateOverConnections(c -> visited.incrementAndGet()).get(5, TimeUnit.SECONDS);
			assertThat(count).isEqualTo(4).isEqualTo(visited.get());
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void sendQueueLimitRefusesWholeWritesOnly() throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		Connection[] holder = new Connection[1];
		try (RunningServer rs = RunningServer.start(s -> {
			s.setOption("send_queue_limit", "100000");
			s.addUriHandler("/fill", c -> {
				holder[0] = c;
				held.countDown();
				return Result.DONE;
			});
		})) {
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				socket.setReceiveBufferSize(4096);
				socket.getOutputStream()
					.write("GET /fill HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
				byte[] block = new byte[30_000];
				int accepted = 0;
				int refused = 0;
				for (int i = 0; i < 400; i++) {
					int n = holder[0].write(block);
					assertThat(n).isIn(0, block.length);
					if (n == 0) {
						refused++;
					}
					else {
						accepted++;
					}
				}
				assertThat(refused).isPositive();
				assertThat(accepted).isPositive();
			}
		}
	}

	@Test
	void twoServersShareOneListeningSocket() throws Exception {
		Server first = Server.create("one");
		Server second = Server.create("two");
		assertThat(first.setOption("listening_port", "127.0.0.1:0")).isNull();
		second.setListeningSocket(first.getListeningSocket());
		Handler who = c -> {
			c.sendReply(200, "text/plain", String.valueOf(c.serverParam()));
			return Result.CLOSE;
		};
		first.addUriHandler("/", who);
		second.addUriHandler("/", who);
		AtomicInteger running = new AtomicInteger(1);
		Thread a = new Thread(() -> loop(first, running), "io-one");
		Thread b = new Thread(() -> loop(second, running), "io-two");
		a.start();
		b.start();
		try {
			Set<String> answered = ConcurrentHashMap.newKeySet();
			long deadline = System.currentTimeMillis() + 10_000;
			while (answered.size() < 2 && System.currentTimeMillis() < deadline) {
				String reply = RunningServer.readAll(rawGet(first.getLocalPort()));
				answered.add(reply.substring(reply.indexOf("\r\n\r\n") + 4));
			}
			assertThat(answered).containsExactlyInAnyOrder("one", "two");
		}
		finally {
			running.set(0);
			first.wakeup();
			second.wakeup();
			a.join();
			b.join();
		}
	}

	@Test
	void headerReadTimeoutAnswers408() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.setOption("request_timeout_ms", "300"))) {
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				socket.setSoTimeout(5000);
				socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: slow".getBytes(StandardCharsets.US_ASCII));
				assertThat(RunningServer.readAll(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
			}
		}
	}

	@Test
	void idleConnectionIsClosed() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.setOption("idle_timeout_ms", "300"))) {
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				socket.setSoTimeout(5000);
				assertThat(socket.getInputStream().read()).as("closed by the server, not the 5 s read timeout")
					.isEqualTo(-1);
			}
		}
	}

	private static InputStream rawGet(int port) throws Exception {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(5000);
		OutputStream out = socket.getOutputStream();
		out.write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return socket.getInputStream();
	}

	private static void loop(Server server, AtomicInteger running) {
		while (running.get() == 1) {
			server.poll(20);
		}
		server.destroy();
	}

	static Handler ok(String body) {
		return c -> {
			c.sendReply(200, "text/plain", body);
			return Result.DONE;
		};
	}

	static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 5000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("condition not met in 5 s");
			}
			Thread.sleep(10);
		}
	}

	static String readExactly(InputStream in, int n) throws java.io.IOException {
		byte[] buf = in.readNBytes(n);
		return new String(buf, StandardCharsets.ISO_8859_1);
	}

}
