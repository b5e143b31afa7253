package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/**
 * {@link Client} over real sockets: against the server itself for the framings and
 * keep-alive, against scripted raw servers for stalls, garbage and oversized replies.
 */
class ClientTest {

	private static final long WAIT_SECONDS = 20;

	/** Remote ports the upstream saw: one per connection the client opened. */
	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private RunningServer upstream;

	/** The server whose IO thread runs the client. */
	private RunningServer loop;

	@BeforeEach
	void start() throws Exception {
		this.upstream = RunningServer.start(s -> {
			s.addUriHandler("/hello", c -> {
				this.clientPorts.add(c.remotePort());
				c.sendReply(200, "text/plain", "hello " + c.requestMethod() + " " + c.queryString());
				return Result.DONE;
			});
			s.addUriHandler("/chunked", c -> {
				this.clientPorts.add(c.remotePort());
				c.sendStatus(200).sendHeader("Content-Type", "text/plain");
				c.sendData("first,");
				c.sendData("second,");
				c.sendData("third");
				return Result.DONE;
			});
			s.addUriHandler("/echo", c -> {
				c.sendReply(201, c.getHeader("Content-Type"), c.content());
				return Result.DONE;
			});
			s.addUriHandler("/auth", c -> {
				String authorization = c.getHeader("Authorization");
				c.sendReply(200, "text/plain", (authorization != null) ? authorization : "none");
				return Result.DONE;
			});
			s.addUriHandler("/empty", c -> {
				c.sendStatus(204);
				return Result.DONE;
			});
		});
		this.loop = RunningServer.start(s -> {
		});
	}

	@AfterEach
	void stop() throws Exception {
		this.loop.close();
		this.upstream.close();
	}

	private Client client() {
		return Client.create(this.loop.server());
	}

	private static ClientResponse await(CompletionStage<ClientResponse> stage) throws Exception {
		return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/** The failure a stage completed with. */
	private static Throwable failure(CompletionStage<?> stage) {
		try {
			stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError("the stage did not fail but " + ex, ex);
		}
		throw new AssertionError("the stage completed normally");
	}

	@Test
	void keptAliveConnectionIsReusedForSequentialRequests() throws Exception {
		Client client = client();
		for (int i = 0; i < 5; i++) {
			ClientResponse response = await(client.get(this.upstream.url("/hello?n=" + i)));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.bodyAsString()).isEqualTo("hello GET n=" + i);
		}
		assertThat(await(client.get(this.upstream.url("/chunked"))).bodyAsString()).isEqualTo("first,second,third");
		assertThat(this.clientPorts).as("connections the upstream accepted").hasSize(1);
	}

	@Test
	void connectionsBeyondThePoolLimitAreClosed() throws Exception {
		Client client = Client.builder(this.loop.server()).maxIdlePerOrigin(0).build();
		for (int i = 0; i < 3; i++) {
			assertThat(await(client.get(this.upstream.url("/hello"))).status()).isEqualTo(200);
		}
		assertThat(this.clientPorts).hasSize(3);
	}

	@Test
	void chunkedResponseIsDechunked() throws Exception {
		ClientResponse response = await(client().get(this.upstream.url("/chunked")));
		assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(response.bodyAsString()).isEqualTo("first,second,third");
	}

	@Test
	void postSendsItsBodyWithContentLength() throws Exception {
		ClientResponse response = await(client().send(ClientRequest.builder(this.upstream.url("/echo"))
			.method("POST")
			.body("application/json", "{\"a\":1}")
			.build()));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		assertThat(response.bodyAsString()).isEqualTo("{\"a\":1}");
	}

	@Test
	void headAnd204HaveNoBodyAndTheConnectionServesOn() throws Exception {
		Client client = client();
		ClientResponse head = await(
				client.send(ClientRequest.builder(this.upstream.url("/hello")).method("HEAD").build()));
		assertThat(head.status()).isEqualTo(200);
		assertThat(Long.parseLong(head.header("Content-Length"))).isPositive();
		assertThat(head.body()).isEmpty();
		assertThat(await(client.get(this.upstream.url("/empty"))).status()).isEqualTo(204);
		assertThat(await(client.get(this.upstream.url("/hello?after"))).bodyAsString()).isEqualTo("hello GET after");
		assertThat(this.clientPorts).hasSize(1);
	}

	@Test
	void closeDelimitedResponseEndsWithTheStream() throws Exception {
		try (ScriptedServer server = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
		})) {
			Client client = client();
			ClientResponse response = await(client.get(server.url("/")));
			assertThat(response.bodyAsString()).isEqualTo("until the end");
			assertThat(await(client.get(server.url("/"))).bodyAsString()).isEqualTo("until the end");
			assertThat(server.accepted()).as("a close-delimited response is never reused").isEqualTo(2);
		}
	}

	@Test
	void interimResponsesAreSkipped() throws Exception {
		try (ScriptedServer server = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			ScriptedServer.write(socket, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
					+ "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
			ScriptedServer.awaitClose(socket);
		})) {
			ClientResponse response = await(client().get(server.url("/")));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.bodyAsString()).isEqualTo("ok");
		}
	}

	@Test
	void serverThatNeverAnswersTimesOut() throws Exception {
		try (ScriptedServer server = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			ScriptedServer.awaitClose(socket);
		})) {
			Client client = Client.builder(this.loop.server()).responseTimeout(Duration.ofMillis(200)).build();
			assertThat(failure(client.get(server.url("/stall")))).isInstanceOf(SocketTimeoutException.class)
				.hasMessageContaining("no response within 200 ms")
				.hasMessageContaining("GET " + server.url("/stall"));
			assertThat(await(client.get(this.upstream.url("/hello"))).status()).isEqualTo(200);
		}
	}

	@Test
	void bodyThatStallsTimesOut() throws Exception {
		try (ScriptedServer server = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
			ScriptedServer.awaitClose(socket);
		})) {
			Client client = Client.builder(this.loop.server()).idleTimeout(Duration.ofMillis(200)).build();
			assertThat(failure(client.get(server.url("/")))).isInstanceOf(SocketTimeoutException.class)
				.hasMessageContaining("the response stalled: nothing for 200 ms");
		}
	}

	@Test
	void bodyCutShortByTheServerFails() throws Exception {
		try (ScriptedServer server = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
		})) {
			assertThat(failure(client().get(server.url("/")))).isInstanceOf(ProtocolException.class)
				.hasMessageContaining("the response body ended after 10 of 100 bytes");
		}
	}

	@Test
	void garbageIsACleanErrorAndOthersAreServed() throws Exception {
		String[] replies = { "SSH-2.0-OpenSSH_9.6\r\n\r\n", "HTTP/1.1 2OO OK\r\n\r\n",
				"HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n", "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
				"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
				"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" };
		String[] errors = { "malformed status line 'SSH-2.0-OpenSSH_9.6'", "malformed status code",
				"white space before the colon", "bare CR", "conflicting Content-Length",
				"both Content-Length and Transfer-Encoding", "unsupported transfer coding: gzip",
				"malformed chunked response body" };
		Client client = client();
		for (int i = 0; i < replies.length; i++) {
			String reply = replies[i];
			try (ScriptedServer server = new ScriptedServer(socket -> {
				ScriptedServer.readHead(socket.getInputStream());
				ScriptedServer.write(socket, reply);
				ScriptedServer.awaitClose(socket);
			})) {
				assertThat(failure(client.get(server.url("/")))).as(reply)
					.isInstanceOf(ProtocolException.class)
					.hasMessageContaining(errors[i]);
			}
		}
		assertThat(await(client.get(this.upstream.url("/hello"))).status()).isEqualTo(200);
	}

	@Test
	void repliesOverTheLimitsFail() throws Exception {
		String big = "x".repeat(2000);
		String[] replies = { "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + big,
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + big + "\r\n0\r\n\r\n",
				"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ ("64\r\n" + "y".repeat(100) + "\r\n").repeat(20) + "0\r\n\r\n",
				"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + big,
				"HTTP/1.1 200 OK\r\nX-Long: " + big + "\r\n\r\n" };
		String[] errors = { "response body of 2000 bytes is larger than the limit of 1000",
				"response body larger than the limit of 1000 bytes",
				"response body larger than the limit of 1000 bytes",
				"response body larger than the limit of 1000 bytes", "response head larger than 1024 bytes" };
		Client client = Client.builder(this.loop.server()).maxBodySize(1000).maxHeadSize(1024).build();
		for (int i = 0; i < replies.length; i++) {
			String reply = replies[i];
			try (ScriptedServer server = new ScriptedServer(socket -> {
				ScriptedServer.readHead(socket.getInputStream());
				ScriptedServer.write(socket, reply);
				ScriptedServer.awaitClose(socket);
			})) {
				assertThat(failure(client.get(server.url("/")))).as(errors[i])
					.isInstanceOf(ProtocolException.class)
					.hasMessageContaining(errors[i]);
			}
		}
	}

	@Test
	void refusedConnectFails() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		assertThat(failure(client().get("http://127.0.0.1:" + port + "/"))).isInstanceOf(ConnectException.class)
			.hasMessageContaining("connection refused");
	}

	@Test
	void badRequestsFailTheirStageOnly() throws Exception {
		Client client = client();
		assertThat(failure(client.get("ftp://127.0.0.1/"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("http:// or https://");
		assertThat(failure(
				client.send(ClientRequest.builder(this.upstream.url("/")).header("X", "a\r\nInjected: 1").build())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not allowed");
		assertThat(
				failure(client.send(ClientRequest.builder(this.upstream.url("/")).header("Host", "elsewhere").build())))
			.hasMessageContaining("written by the client");
	}

	@Test
	void redirectsAreFollowedOnlyWhenAsked() throws Exception {
		try (RunningServer redirecting = RunningServer.start(s -> s.addUriHandler("/old", c -> {
			c.sendStatus(302).sendHeader("Location", this.upstream.url("/hello?moved"));
			c.sendHeader("Content-Length", "0");
			return Result.DONE;
		}))) {
			ClientResponse notFollowed = await(client().get(redirecting.url("/old")));
			assertThat(notFollowed.status()).isEqualTo(302);
			ClientResponse followed = await(
					Client.builder(this.loop.server()).followRedirects(3).build().get(redirecting.url("/old")));
			assertThat(followed.status()).isEqualTo(200);
			assertThat(followed.bodyAsString()).isEqualTo("hello GET moved");
			assertThat(followed.uri().toString()).isEqualTo(this.upstream.url("/hello?moved"));
		}
		try (RunningServer redirecting = RunningServer.start(s -> s.addUriHandler("/old", c -> {
			c.sendStatus(307).sendHeader("Location", this.upstream.url("/auth"));
			c.sendHeader("Content-Length", "0");
			return Result.DONE;
		}))) {
			ClientResponse followed = await(Client.builder(this.loop.server())
				.followRedirects(1)
				.build()
				.send(ClientRequest.builder(redirecting.url("/old")).header("Authorization", "Bearer secret").build()));
			assertThat(followed.bodyAsString()).as("credentials stay with their origin").isEqualTo("none");
		}
	}

	@Test
	void handlerRepliesFromTheUpstreamWhileOtherRequestsAreServed() throws Exception {
		CountDownLatch requested = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (ScriptedServer stalled = new ScriptedServer(socket -> {
			ScriptedServer.readHead(socket.getInputStream());
			requested.countDown();
			if (release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
				ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nupstream");
			}
			ScriptedServer.awaitClose(socket);
		}); RunningServer front = RunningServer.start(s -> {
			Client client = Client.create(s);
			s.addUriHandler("/proxy", c -> {
				AsyncReply reply = c.suspend();
				client.get(stalled.url("/slow"))
					.whenComplete((response, failure) -> reply.complete((failure == null) ? 200 : 502, "text/plain",
							(failure == null) ? "proxied " + response.bodyAsString() : failure.getMessage()));
				return Result.DONE;
			});
			s.addUriHandler("/plain", c -> {
				c.sendReply(200, "text/plain", "plain");
				return Result.DONE;
			});
		})) {
			CompletableFuture<HttpResponse<String>> proxied = RunningServer.client()
				.sendAsync(HttpRequest.newBuilder(URI.create(front.url("/proxy"))).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(requested.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the upstream got the request").isTrue();
			assertThat(front.get("/plain").body()).as("served while the upstream stalls").isEqualTo("plain");
			assertThat(proxied).isNotDone();
			release.countDown();
			HttpResponse<String> response = proxied.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("proxied upstream");
		}
	}

	@Test
	void closedServerFailsNewRequests() throws Exception {
		Client client = client();
		this.loop.close();
		assertThat(failure(client.get(this.upstream.url("/hello")))).isInstanceOf(IOException.class)
			.hasMessageContaining("the server is closed");
	}

}
