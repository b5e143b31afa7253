package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on a client's connections per origin: requests beyond it wait in order of
 * arrival for a connection that comes free or a new one when one closes; the queue is
 * bounded and the wait is bounded by the connect timeout.
 */
class ClientPoolTest {

	private static final long WAIT_SECONDS = 20;

	/** Request targets in the order the upstream read them. */
	private final List<String> targets = new CopyOnWriteArrayList<>();

	/** Counted down for each request head the upstream read. */
	private volatile CountDownLatch heads = new CountDownLatch(0);

	/** The upstream answers once this opens. */
	private final CountDownLatch release = new CountDownLatch(1);

	private RunningServer loop;

	@BeforeEach
	void start() throws Exception {
		this.loop = RunningServer.start(s -> {
		});
	}

	@AfterEach
	void stop() throws Exception {
		this.release.countDown();
		this.loop.close();
	}

	/**
	 * An upstream that keeps connections alive and answers each request with its target
	 * once {@link #release} opens; {@code close} adds {@code Connection: close}.
	 */
	private ScriptedServer upstream(boolean close) throws IOException {
		return new ScriptedServer(socket -> {
			while (true) {
				String head = ScriptedServer.readHead(socket.getInputStream());
				if (head.isEmpty()) {
					return;
				}
				String target = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
				this.targets.add(target);
				this.heads.countDown();
				if (!this.release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
					return;
				}
				ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + target.length() + "\r\n"
						+ (close ? "Connection: close\r\n" : "") + "\r\n" + target);
				if (close) {
					return;
				}
			}
		});
	}

	/**
	 * Open connections of the loop, counted on its IO thread after every earlier task.
	 */
	private int loopConnections() throws Exception {
		CompletableFuture<Integer> count = new CompletableFuture<>();
		this.loop.server().execute(() -> count.complete(this.loop.server().connectionCount()));
		return count.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static List<CompletableFuture<ClientResponse>> send(Client client, String base, int n) {
		List<CompletableFuture<ClientResponse>> responses = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			responses.add(client.get(base + "/r" + i).toCompletableFuture());
		}
		return responses;
	}

	private static Throwable failure(CompletionStage<?> stage) throws Exception {
		try {
			stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the stage completed normally");
	}

	@Test
	void requestsBeyondTheLimitWaitForABusyConnection() throws Exception {
		try (ScriptedServer upstream = upstream(false)) {
			this.heads = new CountDownLatch(2);
			Client client = Client.builder(this.loop.server()).maxConnectionsPerOrigin(2).build();
			List<CompletableFuture<ClientResponse>> responses = send(client, upstream.url(""), 8);
			assertThat(this.heads.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("two requests reached the upstream")
				.isTrue();
			assertThat(loopConnections()).as("connections the client opened for 8 requests").isEqualTo(2);
			assertThat(responses).allMatch((r) -> !r.isDone());
			this.release.countDown();
			for (int i = 0; i < responses.size(); i++) {
				assertThat(responses.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).bodyAsString()).isEqualTo("/r" + i);
			}
			assertThat(upstream.accepted()).isEqualTo(2);
		}
	}

	@Test
	void waitingRequestsGoOutInOrderOfArrival() throws Exception {
		try (ScriptedServer upstream = upstream(false)) {
			this.release.countDown();
			Client client = Client.builder(this.loop.server()).maxConnectionsPerOrigin(1).build();
			List<CompletableFuture<ClientResponse>> responses = send(client, upstream.url(""), 10);
			CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0])).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(this.targets).containsExactly("/r0", "/r1", "/r2", "/r3", "/r4", "/r5", "/r6", "/r7", "/r8",
					"/r9");
			assertThat(upstream.accepted()).isEqualTo(1);
		}
	}

	@Test
	void aClosedConnectionLeavesItsPlaceToAWaitingRequest() throws Exception {
		try (ScriptedServer upstream = upstream(true)) {
			this.release.countDown();
			Client client = Client.builder(this.loop.server()).maxConnectionsPerOrigin(1).build();
			List<CompletableFuture<ClientResponse>> responses = send(client, upstream.url(""), 4);
			for (int i = 0; i < responses.size(); i++) {
				assertThat(responses.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).bodyAsString()).isEqualTo("/r" + i);
			}
			assertThat(this.targets).containsExactly("/r0", "/r1", "/r2", "/r3");
			assertThat(upstream.accepted()).as("Connection: close, so one connection each").isEqualTo(4);
		}
	}

	@Test
	void failedConnectsPassThePlaceOnSoNoRequestHangs() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Client client = Client.builder(this.loop.server()).maxConnectionsPerOrigin(1).build();
		for (CompletableFuture<ClientResponse> response : send(client, "http://127.0.0.1:" + port, 5)) {
			assertThat(failure(response)).isInstanceOf(ConnectException.class)
				.hasMessageContaining("connection refused");
		}
	}

	@Test
	void aFullQueueFailsTheRequestAtOnce() throws Exception {
		try (ScriptedServer upstream = upstream(false)) {
			this.heads = new CountDownLatch(1);
			Client client = Client.builder(this.loop.server()).maxConnectionsPerOrigin(1).maxQueuedPerOrigin(2).build();
			List<CompletableFuture<ClientResponse>> responses = send(client, upstream.url(""), 4);
			assertThat(failure(responses.get(3))).isInstanceOf(IOException.class)
				.hasMessage("too many requests waiting for a connection to http://127.0.0.1:" + upstream.port()
						+ ": 2 queued (maxQueuedPerOrigin) behind 1 busy (maxConnectionsPerOrigin): GET "
						+ upstream.url("/r3"));
			assertThat(this.heads.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			this.release.countDown();
			for (int i = 0; i < 3; i++) {
				assertThat(responses.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS).bodyAsString()).isEqualTo("/r" + i);
			}
		}
	}

	@Test
	void theWaitForAConnectionIsBoundedByTheConnectTimeout() throws Exception {
		try (ScriptedServer upstream = upstream(false)) {
			this.heads = new CountDownLatch(1);
			Client client = Client.builder(this.loop.server())
				.maxConnectionsPerOrigin(1)
				.connectTimeout(Duration.ofSeconds(1))
				.build();
			CompletableFuture<ClientResponse> first = client.get(upstream.url("/r0")).toCompletableFuture();
			// connected and sent: its connect timeout is over, only the wait is timed now
			assertThat(this.heads.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			assertThat(failure(client.get(upstream.url("/r1")))).isInstanceOf(SocketTimeoutException.class)
				.hasMessage("no connection to http://127.0.0.1:" + upstream.port()
						+ " came free within 1000 ms (the connect timeout; busy: 1): GET " + upstream.url("/r1"));
			this.release.countDown();
			assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS).bodyAsString()).isEqualTo("/r0");
			assertThat(this.targets).as("the request that gave up never went out").containsExactly("/r0");
		}
	}

	@Test
	void limitsAreChecked() {
		assertThat(failure(() -> Client.builder(this.loop.server()).maxConnectionsPerOrigin(0).build()))
			.hasMessageContaining("connections per origin 0 (at least 1)");
		assertThat(failure(() -> Client.builder(this.loop.server()).maxQueuedPerOrigin(-1).build()))
			.hasMessageContaining("queued requests per origin -1 (at least 0)");
	}

	private static Throwable failure(Runnable build) {
		try {
			build.run();
		}
		catch (IllegalArgumentException ex) {
			return ex;
		}
		throw new AssertionError("the build did not fail");
	}

}
