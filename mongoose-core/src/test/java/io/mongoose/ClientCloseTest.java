package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing the server that runs a client leaves no stage pending: requests still in the
 * loop's task queue, waiting for a connection, connecting or waiting for their response
 * all fail with an {@link IOException} saying the server closed.
 */
class ClientCloseTest {

	private static final long WAIT_SECONDS = 20;

	/** What every failure caused by the close says. */
	private static final String CLOSED = "the server (is closed|closed before (the request started|a connection to "
			+ "\\S+ was free|the response arrived)): .*";

	/** An upstream that reads requests and never answers; {@link #heads} counts two. */
	private ScriptedServer silent;

	private final CountDownLatch heads = new CountDownLatch(2);

	@BeforeEach
	void start() throws IOException {
		this.silent = new ScriptedServer(socket -> {
			while (!ScriptedServer.readHead(socket.getInputStream()).isEmpty()) {
				this.heads.countDown();
			}
		});
	}

	@AfterEach
	void stop() throws IOException {
		this.silent.close();
	}

	private static Throwable failure(CompletableFuture<?> stage) throws Exception {
		try {
			stage.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the stage completed normally");
	}

	@Test
	void requestsOfEveryStageFailWhenTheServerCloses() throws Exception {
		RunningServer loop = RunningServer.start(s -> {
		});
		Client client = Client.builder(loop.server()).maxConnectionsPerOrigin(1).build();
		CompletableFuture<ClientResponse> inFlight = client.get(this.silent.url("/first")).toCompletableFuture();
		CompletableFuture<ClientResponse> waiting = client.get(this.silent.url("/second")).toCompletableFuture();
		CompletableFuture<ClientWebSocket> handshake = client
			.webSocket(this.silent.ws("/ws"), new ClientWebSocket.Listener() {
			})
			.toCompletableFuture();
		assertThat(this.heads.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		loop.close();
		assertThat(failure(inFlight)).isInstanceOf(IOException.class)
			.hasMessage("the server closed before the response arrived: GET " + this.silent.url("/first"));
		assertThat(failure(waiting)).isInstanceOf(IOException.class)
			.hasMessage("the server closed before a connection to http://127.0.0.1:" + this.silent.port()
					+ " was free: GET " + this.silent.url("/second"));
		assertThat(failure(handshake)).isInstanceOf(IOException.class)
			.hasMessageStartingWith("the server closed before");
	}

	@Test
	void requestsQueuedForALoopThatNeverRanFailWhenItCloses() throws Exception {
		Server server = Server.create(null); // not started: its task queue is never run
		Client client = Client.create(server);
		CompletableFuture<ClientResponse> queued = client.get(this.silent.url("/never")).toCompletableFuture();
		assertThat(queued).isNotDone();
		server.close();
		assertThat(failure(queued)).isInstanceOf(IOException.class)
			.hasMessage("the server closed before the request started: GET " + this.silent.url("/never"));
		assertThat(failure(client.get(this.silent.url("/after")).toCompletableFuture()))
			.hasMessage("the server is closed: GET " + this.silent.url("/after"));
	}

	/**
	 * Requests sent from another thread while the server closes, to two origins (one by
	 * name, resolved off the loop) with few connections each: every stage is done within
	 * a bound, each failure says the server closed.
	 */
	@Test
	void requestsRacingTheCloseAllComplete() throws Exception {
		String[] bases = { "http://127.0.0.1:" + this.silent.port(), "http://localhost:" + this.silent.port() };
		for (int round = 0; round < 5; round++) {
			RunningServer loop = RunningServer.start(s -> {
			});
			Client client = Client.builder(loop.server()).maxConnectionsPerOrigin(3).build();
			List<CompletableFuture<ClientResponse>> responses = new CopyOnWriteArrayList<>();
			CountDownLatch someSent = new CountDownLatch(100);
			Thread sender = new Thread(() -> {
				for (int i = 0; i < 400; i++) {
					responses.add(client.get(bases[i % 2] + "/r" + i).toCompletableFuture());
					someSent.countDown();
				}
			}, "racing-sender");
			sender.start();
			assertThat(someSent.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			loop.close();
			sender.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
			assertThat(sender.isAlive()).isFalse();
			assertThat(responses).hasSize(400);
			for (CompletableFuture<ClientResponse> response : responses) {
				assertThat(response).failsWithin(Duration.ofSeconds(WAIT_SECONDS))
					.withThrowableOfType(ExecutionException.class)
					.havingCause()
					.isInstanceOf(IOException.class)
					.withMessageMatching(CLOSED);
			}
		}
	}

}
