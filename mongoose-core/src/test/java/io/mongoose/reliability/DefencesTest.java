package io.mongoose.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.LogLines;
import io.mongoose.RunningServer;

/**
 * Each defence of a single-threaded server against slow or hostile clients, over real
 * sockets: the attacker loses its connection, everyone else is still served.
 */
class DefencesTest {

	@TempDir
	Path root;

	@Test
	void slowlorisHeadIsCutOffWith408() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.setOption("request_timeout_ms", "400"));
				Socket socket = open(server)) {
			OutputStream out = socket.getOutputStream();
			long start = System.nanoTime();
			String head = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ";
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			String reply = "";
			for (int i = 0; i < 40 && reply.isEmpty(); i++) {
				Thread.sleep(100);
				try {
					out.write('x');
				}
				catch (java.io.IOException closed) {
					break;
				}
				if (socket.getInputStream().available() > 0) {
					reply = RunningServer.readAll(socket.getInputStream());
				}
			}
			if (reply.isEmpty()) {
				reply = RunningServer.readAll(socket.getInputStream());
			}
			assertThat(reply).startsWith("HTTP/1.1 408 ");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
			assertThat(server.get("/").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void slowBodyBelowTheMinimumRateIsCutOffWith408() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.setOption("request_timeout_ms", "500");
			s.setOption("min_body_rate", "1000");
			s.addUriHandler("/upload", c -> {
				c.sendReply(200, "text/plain", "got " + c.content().length);
				return Result.DONE;
			});
		}); Socket socket = open(server)) {
			OutputStream out = socket.getOutputStream();
			out.write("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			boolean cut = false;
			for (int i = 0; i < 50 && !cut; i++) {
				Thread.sleep(100);
				try {
					out.write(new byte[10]);
					cut = socket.getInputStream().available() > 0;
				}
				catch (java.io.IOException closed) {
					cut = true;
				}
			}
			assertThat(cut).isTrue();
			assertThat(RunningServer.readAll(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
			assertThat(server.get("/").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void readerThatStopsReadingIsClosedAfterTheSendTimeout() throws Exception {
		byte[] block = new byte[1 << 20];
		try (RunningServer server = RunningServer.start(s -> {
			s.setOption("send_timeout_ms", "500");
			s.setOption("send_queue_limit", "67108864");
			s.addUriHandler("/flood", c -> {
				c.sendStatus(200).sendHeader("Content-Type", "application/octet-stream");
				for (int i = 0; i < 32; i++) {
					c.sendData(block);
				}
				return Result.DONE;
			});
		}); Socket socket = open(server)) {
			socket.setReceiveBufferSize(4096);
			socket.getOutputStream()
				.write("GET /flood HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			long deadline = System.currentTimeMillis() + 5000;
			int open = -1;
			while (System.currentTimeMillis() < deadline && open != 0) {
				Thread.sleep(100);
				open = server.server().iterateOverConnections(c -> {
				}).get(5, TimeUnit.SECONDS);
			}
			assertThat(open).isZero();
			assertThat(server.get("/").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void connectionLimitPausesAcceptingAndResumes() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.setOption("max_connections", "2");
			s.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "ok");
				return Result.DONE;
			});
		})) {
			Socket first = open(server);
			Socket second = open(server);
			Thread.sleep(200);
			try (Socket third = open(server)) {
				third.setSoTimeout(500);
				third.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				InputStream in = third.getInputStream();
				boolean answered;
				try {
					answered = in.read() >= 0;
				}
				catch (SocketTimeoutException ex) {
					answered = false;
				}
				assertThat(answered).as("a third client is not served while two are connected").isFalse();
				first.close();
				third.setSoTimeout(5000);
				assertThat(new String(in.readNBytes(15), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
			}
			second.close();
		}
	}

	@Test
	void manyOverlappingRangesAreAnsweredInBoundedWork() throws Exception {
		Files.write(this.root.resolve("f.bin"), new byte[100_000]);
		try (RunningServer server = RunningServer.start(s -> s.setOption("document_root", this.root.toString()))) {
			StringBuilder ranges = new StringBuilder("bytes=0-");
			for (int i = 1; i < 2000; i++) {
				ranges.append(",").append(i).append("-");
			}
			String reply = server
				.raw("GET /f.bin HTTP/1.1\r\nHost: a\r\nRange: " + ranges + "\r\nConnection: close\r\n\r\n");
			assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 100000");
		}
	}

	@Test
	void clientResettingMidResponseCostsOnlyItsConnection() throws Exception {
		byte[] block = new byte[1 << 20];
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/big", c -> {
			c.sendStatus(200);
			for (int i = 0; i < 8; i++) {
				c.sendData(block);
			}
			return Result.DONE;
		}))) {
			for (int i = 0; i < 5; i++) {
				Socket socket = open(server);
				socket.getOutputStream()
					.write("GET /big HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				socket.getInputStream().readNBytes(1000);
				socket.setSoLinger(true, 0);
				socket.close();
			}
			assertThat(server.get("/").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void halfClosedClientStillGetsItsReply() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/", c -> {
			c.sendReply(200, "text/plain", "still here");
			return Result.DONE;
		})); Socket socket = open(server)) {
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			assertThat(RunningServer.readAll(socket.getInputStream())).startsWith("HTTP/1.1 200 OK")
				.endsWith("still here");
		}
	}

	@Test
	void silentClientIsClosedByTheIdleTimeout() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.setOption("idle_timeout_ms", "300"));
				Socket socket = open(server)) {
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void blockingHandlerIsReportedByTheWatchdog() throws Exception {
		try (LogLines watchdog = LogLines.of("io.mongoose.net.LoopWatchdog");
				RunningServer server = RunningServer.start(s -> {
					s.setOption("watchdog_ms", "300");
					s.addUriHandler("/block", c -> {
						// stalls the loop until the watchdog has reported it (bounded),
						// whatever the machine's load
						long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
						while (System.nanoTime() < deadline && watchdog.messages().isEmpty()) {
							Thread.sleep(20);
						}
						c.sendReply(200, "text/plain", "late");
						return Result.DONE;
					});
				})) {
			assertThat(server.get("/block").body()).isEqualTo("late");
			assertThat(watchdog.messages()).anySatisfy(w -> assertThat(w).contains("stalled")
				.contains("Thread.sleep")
				.contains("The handler io.mongoose.reliability.DefencesTest.lambda$")
				.contains("Handler.blocking(handler)")
				.contains("@UriHandler(blocking = true)"));
		}
	}

	private static Socket open(RunningServer server) throws Exception {
		Socket socket = new Socket("127.0.0.1", server.port());
		socket.setSoTimeout(5000);
		return socket;
	}

}
