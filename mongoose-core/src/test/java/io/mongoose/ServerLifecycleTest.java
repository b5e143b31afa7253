package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * {@link Server#start()}, {@link Server#execute} and {@link Server#close()}: the core
 * owns its loop.
 */
class ServerLifecycleTest {

	@Test
	void startedServerServesOnItsOwnThreadAndCloseFreesThePort() throws Exception {
		Server server = Server.create(null);
		assertThat(server.setOption("listening_port", "127.0.0.1:0")).isNull();
		server.addUriHandler("/who", (c) -> {
			c.sendReply(200, "text/plain", Thread.currentThread().getName());
			return Handler.Result.DONE;
		});
		int port = server.getLocalPort();
		try (server) {
			assertThat(server.start()).isSameAs(server);
			HttpResponse<String> reply = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/who")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(reply.body()).startsWith("mongoose-io-");
			assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("started already");
		}
		assertThat(server.isDestroyed()).isTrue();
		try (ServerSocket again = new ServerSocket()) {
			again.bind(new InetSocketAddress("127.0.0.1", port));
		}
	}

	@Test
	void executeRunsOnTheIoThreadOfAStartedServer() throws Exception {
		try (Server server = Server.create(null).start()) {
			CompletableFuture<String> ran = new CompletableFuture<>();
			server.execute(() -> {
				server.addUriHandler("/late", (c) -> Handler.Result.DONE); // IO thread
																			// only: would
																			// throw
																			// elsewhere
				ran.complete(Thread.currentThread().getName());
			});
			assertThat(ran.get(10, TimeUnit.SECONDS)).startsWith("mongoose-io-");
			assertThatIllegalStateException()
				.isThrownBy(() -> server.addUriHandler("/other", (c) -> Handler.Result.DONE))
				.withMessageContaining("IO thread");
		}
	}

	@Test
	void aFailureThatEscapesThePollEndsTheLoopAndClosesTheServer() throws Exception {
		Server server = Server.create(null).start();
		server.execute(() -> {
			throw new AssertionError("deliberate");
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!server.isDestroyed()) { // the dead loop closes the server by itself
			assertThat(System.nanoTime()).as("closed within 10 s").isLessThan(deadline);
			Thread.sleep(10);
		}
		server.close(); // the thread is gone already: nothing to wait for
	}

	@Test
	void runPollsOnTheCallersThreadUntilToldToStopThenDestroysTheServer() throws Exception {
		Server server = Server.create(null);
		assertThat(server.setOption("listening_port", "127.0.0.1:0")).isNull();
		server.addUriHandler("/who", (c) -> {
			c.sendReply(200, "text/plain", Thread.currentThread().getName());
			return Handler.Result.DONE;
		});
		int port = server.getLocalPort();
		AtomicBoolean keep = new AtomicBoolean(true);
		CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> server.run(1000, keep::get),
				(task) -> new Thread(task, "callers-loop").start());
		HttpResponse<String> reply = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/who")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(reply.body()).isEqualTo("callers-loop");
		keep.set(false);
		server.wakeup();
		ended.get(10, TimeUnit.SECONDS);
		assertThat(server.isDestroyed()).isTrue();
		try (ServerSocket again = new ServerSocket()) {
			again.bind(new InetSocketAddress("127.0.0.1", port));
		}
	}

	@Test
	void aFailureInRunDestroysTheServerAndReachesTheCaller() {
		Server server = Server.create(null);
		AssertionError failure = new AssertionError("deliberate");
		assertThatThrownBy(() -> server.run(10, () -> {
			throw failure;
		})).isSameAs(failure);
		assertThat(server.isDestroyed()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> server.run(10, () -> true))
			.withMessageContaining("destroyed already");
	}

	@Test
	void closeOfAServerNobodyStartedIsDestroy() {
		Server server = Server.create(null);
		server.poll(0);
		server.close();
		assertThat(server.isDestroyed()).isTrue();
	}

}
