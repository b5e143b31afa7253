package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;

/**
 * {@link Handler#blocking}: handlers that run on the worker executor, over real sockets.
 */
class BlockingHandlersTest {

	private static final long WAIT_SECONDS = 20;

	@Test
	void blockingHandlerWaitsForARequestThatOnlyTheFreeIoThreadCanServe() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/wait", Handler.blocking(c -> {
				started.countDown();
				// on the IO thread this would dead-lock: /release could never be served
				boolean released = release.await(WAIT_SECONDS, TimeUnit.SECONDS);
				c.sendReply(200, "text/plain",
						(released ? "released on " : "gave up on ") + Thread.currentThread().getName());
				return Result.DONE;
			}));
			s.addUriHandler("/release", c -> {
				release.countDown();
				c.sendReply(200, "text/plain", "on " + Thread.currentThread().getName());
				return Result.DONE;
			});
		})) {
			CompletableFuture<HttpResponse<String>> waiting = RunningServer.client()
				.sendAsync(HttpRequest.newBuilder(java.net.URI.create(server.url("/wait")))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			HttpResponse<String> released = server.get("/release");
			assertThat(released.body()).isEqualTo("on " + server.ioThread().getName());
			HttpResponse<String> reply = waiting.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(reply.statusCode()).isEqualTo(200);
			assertThat(reply.body()).startsWith("released on mongoose-worker-");
		}
	}

	@Test
	void pipelinedRequestsAfterABlockingOneWaitTheirTurn() throws Exception {
		List<String> calls = new ArrayList<>();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/slow", Handler.blocking(c -> {
				record(calls, "slow " + new String(c.content(), java.nio.charset.StandardCharsets.UTF_8));
				started.countDown();
				release.await(WAIT_SECONDS, TimeUnit.SECONDS);
				c.sendHeader("Content-Type", "text/plain");
				c.sendData("slow:");
				c.sendData(c.getHeader("X-Name"));
				return Result.DONE;
			}));
			s.addUriHandler("/fast", c -> {
				record(calls, "fast");
				c.sendReply(200, "text/plain", "fast");
				return Result.DONE;
			});
			s.addUriHandler("/release", c -> {
				release.countDown();
				c.sendReply(200, "text/plain", "ok");
				return Result.DONE;
			});
		}); RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("POST /slow HTTP/1.1\r\nHost: x\r\nX-Name: first\r\nContent-Length: 4\r\n\r\nbody"
					+ "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			// served by the IO thread while /slow blocks, after it has read the pipelined
			// bytes
			assertThat(server.get("/release").statusCode()).isEqualTo(200);
			RawHttp.Response first = http.read(false);
			RawHttp.Response second = http.read(false);
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.text()).isEqualTo("slow:first");
			assertThat(second.text()).isEqualTo("fast");
			synchronized (calls) {
				assertThat(calls).containsExactly("slow body", "fast");
			}
		}
	}

	@Test
	void fullWorkerQueueAnswers503WhileTheIoThreadServesOthers() throws Exception {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1));
		CountDownLatch submitted = new CountDownLatch(2);
		Executor counting = task -> {
			pool.execute(task);
			submitted.countDown(); // counts the tasks the pool took
		};
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			s.setWorkerExecutor(counting);
			s.addUriHandler("/block", Handler.blocking(c -> {
				started.countDown();
				release.await(WAIT_SECONDS, TimeUnit.SECONDS);
				c.sendReply(200, "text/plain", "done");
				return Result.DONE;
			}));
			s.addUriHandler("/ping", c -> {
				c.sendReply(200, "text/plain", "pong");
				return Result.DONE;
			});
		});
				RawHttp running = new RawHttp(server.port());
				RawHttp queued = new RawHttp(server.port());
				RawHttp refused = new RawHttp(server.port())) {
			running.sendRaw("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			queued.sendRaw("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(submitted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			RawHttp.Response overloaded = refused.send("GET", "/block");
			assertThat(overloaded.status()).isEqualTo(503);
			assertThat(overloaded.header("Retry-After")).isEqualTo("1");
			assertThat(server.get("/ping").body()).isEqualTo("pong");
			assertThat(refused.send("GET", "/ping").text()).isEqualTo("pong"); // the
																				// refused
																				// connection
																				// stays
																				// usable
			release.countDown();
			assertThat(running.read(false).text()).isEqualTo("done");
			assertThat(queued.read(false).text()).isEqualTo("done");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void workerOptionsConfigureTheDefaultPool() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("worker_threads", "0")).contains("worker_threads");
			assertThat(s.setOption("worker_queue_limit", "many")).contains("worker_queue_limit");
			assertThat(s.setOption("worker_threads", "1")).isNull();
			assertThat(s.setOption("worker_queue_limit", "1")).isNull();
			s.addUriHandler("/block", Handler.blocking(c -> {
				started.countDown();
				release.await(WAIT_SECONDS, TimeUnit.SECONDS);
				c.sendReply(200, "text/plain",
						Thread.currentThread().getName() + " daemon=" + Thread.currentThread().isDaemon());
				return Result.DONE;
			}));
		}); RawHttp running = new RawHttp(server.port())) {
			assertThat(server.server().getOption("worker_threads")).isEqualTo("1");
			running.sendRaw("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			release.countDown();
			assertThat(running.read(false).text()).matches("mongoose-worker-\\d+ daemon=true");
		}
	}

	@Test
	void blockingHandlerThatThrowsGets500AndTheConnectionServesOn() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/boom", Handler.blocking(c -> {
				c.sendStatus(200).sendHeader("X-Half", "written");
				throw new IllegalStateException("the database is gone");
			}));
			s.addUriHandler("/ping", c -> {
				c.sendReply(200, "text/plain", "pong");
				return Result.DONE;
			});
		}); RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response failed = http.send("GET", "/boom");
			assertThat(failed.status()).isEqualTo(500);
			assertThat(failed.header("X-Half")).isNull();
			assertThat(http.send("GET", "/ping").text()).isEqualTo("pong");
		}
	}

	@Test
	void longRunningBlockingHandlerIsCalledAgainOnAWorker() throws Exception {
		List<String> threads = new ArrayList<>();
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/parts", Handler.blocking(c -> {
			int calls = (c.connectionParam() == null) ? 1 : (Integer) c.connectionParam() + 1;
			c.setConnectionParam(calls);
			record(threads, Thread.currentThread().getName());
			c.sendData("part " + calls + ";");
			return (calls < 3) ? Result.CALL_AGAIN : Result.DONE;
		}))); RawHttp http = new RawHttp(server.port())) {
			assertThat(http.send("GET", "/parts").text()).isEqualTo("part 1;part 2;part 3;");
			synchronized (threads) {
				assertThat(threads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("mongoose-worker-"));
			}
		}
	}

	@Test
	void drainWaitsForTheBlockingRequestThenTheServerStops() throws Exception {
		Server server = Server.create(null);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch drained = new CountDownLatch(1);
		assertThat(server.setOption("listening_port", "127.0.0.1:0")).isNull();
		server.addUriHandler("/work", Handler.blocking(c -> {
			started.countDown();
			release.await(WAIT_SECONDS, TimeUnit.SECONDS);
			c.sendReply(200, "text/plain", "finished");
			return Result.DONE;
		}));
		int port = server.getLocalPort();
		CountDownLatch drainRequested = new CountDownLatch(1);
		Thread loop = new Thread(() -> {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
			boolean draining = false;
			while (System.nanoTime() < deadline) {
				if (!draining && drainRequested.getCount() == 0) {
					server.drain();
					draining = true;
					drained.countDown();
				}
				server.poll(50);
				if (draining && server.connectionCount() == 0) {
					break;
				}
			}
			server.destroy();
		}, "mongoose-test-io");
		loop.start();
		try (RawHttp http = new RawHttp(port)) {
			http.sendRaw("GET /work HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			drainRequested.countDown();
			server.wakeup();
			assertThat(drained.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			release.countDown();
			RawHttp.Response reply = http.read(false);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("finished");
			assertThat(reply.header("Connection")).isEqualTo("close");
			assertThat(http.closedByServer()).isTrue();
		}
		finally {
			release.countDown();
			loop.join(TimeUnit.SECONDS.toMillis(30));
		}
		assertThat(loop.isAlive()).isFalse();
		assertThat(server.isDestroyed()).isTrue();
	}

	private static void record(List<String> calls, String call) {
		synchronized (calls) {
			calls.add(call);
		}
	}

}
