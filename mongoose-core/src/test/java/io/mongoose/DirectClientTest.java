package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;

/**
 * {@link DirectClient}: requests to a server's handlers without a socket, through the
 * real parser, dispatcher and reply writer; compared with the same requests over a socket
 * where the point is that they behave alike.
 */
class DirectClientTest {

	/** Requests a parser refuses, each with its own reason. */
	private static final List<String> MALFORMED = List.of("GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n",
			"GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
			"GET / HTTP/2.0\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n",
			"POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

	/** A server that binds no port and that nobody polls but the client. */
	private final Server server = Server.create(null);

	@AfterEach
	void destroy() {
		this.server.destroy();
	}

	@Test
	void servesAHandlerWithoutBindingAPort() {
		this.server.addUriHandler("/hello", c -> {
			c.sendReply(200, "text/plain", "hello " + c.getVar("name") + " from " + c.remoteIp());
			return Result.DONE;
		});
		DirectClient.Response reply = DirectClient.of(this.server).get("/hello?name=direct");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("content-type")).isEqualTo("text/plain");
		assertThat(reply.header("Content-Length")).isEqualTo(reply.body().length + "");
		assertThat(reply.text()).isEqualTo("hello direct from 127.0.0.1");
		assertThat(this.server.getListeningPorts()).isEmpty();
	}

	@Test
	void postsABodyAndHeaders() {
		this.server.addUriHandler("/echo", c -> {
			c.sendReply(201, "text/plain",
					c.getHeader("X-Who") + ": " + new String(c.content(), StandardCharsets.UTF_8));
			return Result.DONE;
		});
		DirectClient.Response reply = DirectClient.of(this.server)
			.request("POST", "/echo", Map.of("X-Who", "me"), "a body, é");
		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.text()).isEqualTo("me: a body, é");
	}

	@Test
	void malformedRequestsGetTheSame400AsOverASocket() throws Exception {
		Handler echo = c -> {
			c.sendReply(200, "text/plain", "ok");
			return Result.DONE;
		};
		this.server.addUriHandler("/", echo);
		try (RunningServer overSocket = RunningServer.start(s -> s.addUriHandler("/", echo))) {
			for (String request : MALFORMED) {
				DirectClient.Response direct = DirectClient.of(this.server).send(request);
				RawHttp.Response socket;
				try (RawHttp http = new RawHttp(overSocket.port())) {
					http.sendRaw(request);
					socket = http.read(false);
				}
				assertThat(direct.status()).as(request).isEqualTo(socket.status()).isBetween(400, 505);
				assertThat(withoutDate(direct)).as(request).isEqualTo(withoutDate(socket.headers()));
				assertThat(direct.body()).as(request).isEqualTo(socket.body());
			}
		}
	}

	@Test
	void aServerPolledByItsOwnThreadIsServedThroughThatThread() throws Exception {
		try (RunningServer running = RunningServer.start(s -> s.addUriHandler("/thread", c -> {
			c.sendReply(200, "text/plain", Thread.currentThread().getName());
			return Result.DONE;
		}))) {
			DirectClient.Response reply = DirectClient.of(running.server()).get("/thread");
			assertThat(reply.text()).isEqualTo(running.ioThread().getName());
		}
	}

	@Test
	void routerRefusesAnotherMethodWith405AndAllow() {
		this.server.addUriHandler("/users", Router.builder().get("/{id}", c -> {
			c.sendReply(200, "text/plain", "user " + c.pathVariable("id"));
			return Result.DONE;
		}).build());
		DirectClient client = DirectClient.of(this.server);
		assertThat(client.get("/users/7").text()).isEqualTo("user 7");
		DirectClient.Response refused = client.request("DELETE", "/users/7");
		assertThat(refused.status()).isEqualTo(405);
		assertThat(refused.header("Allow")).contains("GET");
	}

	@Test
	void blockingHandlerRunsOnAWorkerAndItsReplyComesBack() {
		this.server.addUriHandler("/slow", Handler.blocking(c -> {
			c.sendReply(200, "text/plain", Thread.currentThread().getName());
			return Result.DONE;
		}));
		assertThat(DirectClient.of(this.server).get("/slow").text()).startsWith("mongoose-worker-");
	}

	@Test
	void asyncReplyCompletedFromAnotherThread() {
		this.server.addUriHandler("/later", c -> {
			AsyncReply reply = c.suspend();
			CompletableFuture.runAsync(() -> reply.complete(202, "text/plain", "later"));
			return Result.DONE;
		});
		DirectClient.Response reply = DirectClient.of(this.server).get("/later");
		assertThat(reply.status()).isEqualTo(202);
		assertThat(reply.text()).isEqualTo("later");
	}

	@Test
	void chunkedReplyLargerThanTheInMemoryWindowIsDeChunked() {
		byte[] piece = new byte[10_000];
		Arrays.fill(piece, (byte) 'x');
		this.server.addUriHandler("/stream", c -> {
			c.sendStatus(200).sendHeader("Content-Type", "application/octet-stream");
			for (int i = 0; i < 50; i++) { // 500 kB: the peer's window holds 64 KiB
				piece[0] = (byte) ('a' + i % 26);
				c.sendData(piece);
			}
			return Result.DONE;
		});
		DirectClient.Response reply = DirectClient.of(this.server).get("/stream");
		assertThat(reply.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(reply.body()).hasSize(500_000);
		assertThat(reply.body()[490_000]).isEqualTo((byte) ('a' + 49 % 26));
	}

	@Test
	void staticFileAndHeadThroughTheFallback(@TempDir Path root) throws Exception {
		byte[] content = new byte[200_000];
		Arrays.fill(content, (byte) 'f');
		Files.write(root.resolve("big.bin"), content);
		assertThat(this.server.setOption("document_root", root.toString())).isNull();
		DirectClient client = DirectClient.of(this.server);
		assertThat(client.get("/big.bin").body()).isEqualTo(content);
		DirectClient.Response head = client.request("HEAD", "/big.bin");
		assertThat(head.header("Content-Length")).isEqualTo("200000");
		assertThat(head.body()).isEmpty();
		assertThat(client.get("/missing.bin").status()).isEqualTo(404);
	}

	@Test
	void expectContinueIsAnsweredAndSkipped() {
		this.server.addUriHandler("/upload", c -> {
			c.sendReply(200, "text/plain", c.content().length + " bytes");
			return Result.DONE;
		});
		DirectClient.Response reply = DirectClient.of(this.server)
			.send("PUT /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("3 bytes");
	}

	@Test
	void aReplyThatNeverCompletesIsAnErrorAfterTheTimeout() {
		this.server.addUriHandler("/never", c -> {
			c.suspend();
			return Result.DONE;
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> DirectClient.of(this.server).withTimeout(Duration.ofMillis(200)).get("/never"))
			.withMessageContaining("no complete reply within PT0.2S");
		// the next request is served: the stuck connection is not in the way
		this.server.addUriHandler("/ok", c -> {
			c.sendReply(200, "text/plain", "ok");
			return Result.DONE;
		});
		assertThat(DirectClient.of(this.server).get("/ok").text()).isEqualTo("ok");
	}

	@Test
	void aConnectionClosedWithoutAReplyIsAnError() {
		this.server.addUriHandler("/drop", c -> {
			c.suspend();
			CompletableFuture.runAsync(c::close);
			return Result.DONE;
		});
		assertThatIllegalStateException().isThrownBy(() -> DirectClient.of(this.server).get("/drop"))
			.withMessageContaining("closed the connection before a complete reply");
	}

	@Test
	void aWebSocketUpgradeGetsItsSwitchAndNothingMore() {
		this.server.addUriHandler("/ws", WebSocketHandler.of(c -> Result.DONE));
		DirectClient client = DirectClient.of(this.server);
		DirectClient.Response upgraded = client.request("GET", "/ws", Map.of("Upgrade", "websocket", "Connection",
				"Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"),
				(byte[]) null);
		assertThat(upgraded.status()).isEqualTo(101);
		assertThat(upgraded.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		assertThat(client.get("/ws").status()).isEqualTo(426);
	}

	private static Map<String, String> withoutDate(DirectClient.Response reply) {
		Map<String, String> headers = new LinkedHashMap<>();
		reply.headers().forEach((h) -> headers.put(h.name().toLowerCase(Locale.ROOT), h.value()));
		return withoutDate(headers);
	}

	private static Map<String, String> withoutDate(Map<String, String> headers) {
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.remove("date");
		return copy;
	}

}
