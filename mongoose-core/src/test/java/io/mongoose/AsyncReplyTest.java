package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;

/**
 * {@link Connection#suspend()}: replies completed later, from other threads, over real
 * sockets.
 */
class AsyncReplyTest {

	private static final long WAIT_SECONDS = 20;

	@Test
	void suspendedRequestIsCompletedFromAnotherThreadAndTheConnectionServesOn() throws Exception {
		CountDownLatch returned = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/async", c -> {
				AsyncReply reply = c.suspend();
				String name = c.getVar("name");
				Thread completer = new Thread(() -> {
					try {
						// completes only once the handler has returned: the request
						// outlived it
						if (returned.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
							reply.complete(200, "text/plain", "hello " + name);
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}, "completer");
				completer.start();
				returned.countDown();
				return Result.DONE;
			});
			s.addUriHandler("/ping", c -> {
				c.sendReply(200, "text/plain", "pong");
				return Result.DONE;
			});
		}); RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response reply = http.send("GET", "/async?name=later");
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("hello later");
			assertThat(http.send("GET", "/ping").text()).isEqualTo("pong");
		}
	}

	@Test
	void completionHandlerMayStreamItsReply() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/stream", c -> {
			AsyncReply reply = c.suspend();
			CompletableFuture.runAsync(() -> reply.complete(conn -> {
				conn.sendHeader("Content-Type", "text/plain");
				conn.sendData("part one, ");
				conn.sendData("part two");
				return Result.DONE;
			}));
			return Result.DONE;
		}))) {
			assertThat(server.get("/stream").body()).isEqualTo("part one, part two");
		}
	}

	@Test
	void unansweredSuspendedRequestTimesOutWith503() throws Exception {
		CompletableFuture<AsyncReply> suspended = new CompletableFuture<>();
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("async_timeout_ms", "200")).isNull();
			s.addUriHandler("/never", c -> {
				suspended.complete(c.suspend());
				return Result.DONE;
			});
		}); RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response reply = http.send("GET", "/never");
			assertThat(reply.status()).isEqualTo(503);
			assertThat(reply.header("Retry-After")).isEqualTo("1");
			AsyncReply handle = suspended.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(handle.isCancelled()).isTrue();
			assertThat(handle.complete(200, "text/plain", "too late")).isFalse();
		}
	}

	@Test
	void clientThatClosesCancelsTheSuspendedRequestAndALateCompletionIsANoOp() throws Exception {
		CompletableFuture<AsyncReply> suspended = new CompletableFuture<>();
		CountDownLatch cancelled = new CountDownLatch(1);
		AtomicBoolean replyRan = new AtomicBoolean();
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/wait", c -> {
				AsyncReply reply = c.suspend();
				reply.onCancel(cancelled::countDown);
				suspended.complete(reply);
				return Result.DONE;
			});
			s.addUriHandler("/ping", c -> {
				c.sendReply(200, "text/plain", "pong");
				return Result.DONE;
			});
		})) {
			AsyncReply handle;
			try (RawHttp http = new RawHttp(server.port())) {
				http.sendRaw("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
				handle = suspended.get(WAIT_SECONDS, TimeUnit.SECONDS);
				assertThat(handle.isCancelled()).isFalse();
			}
			assertThat(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			assertThat(handle.isCancelled()).isTrue();
			assertThat(handle.complete(c -> {
				replyRan.set(true);
				return Result.DONE;
			})).isFalse();
			assertThat(server.get("/ping").body()).isEqualTo("pong");
			assertThat(replyRan).isFalse();
		}
	}

	@Test
	void blockingHandlerMaySuspendAndBeCompletedBeforeItReturns() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/early", Handler.blocking(c -> {
			AsyncReply reply = c.suspend();
			CompletableFuture<Boolean> completed = CompletableFuture
				.supplyAsync(() -> reply.complete(200, "text/plain", "early"));
			completed.get(WAIT_SECONDS, TimeUnit.SECONDS); // completed while this handler
															// still runs on its worker
			return Result.DONE;
		})))) {
			assertThat(server.get("/early").body()).isEqualTo("early");
		}
	}

	@Test
	void suspendingTwiceIsRefused() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/twice", c -> {
			AsyncReply reply = c.suspend();
			assertThatThrownBy(c::suspend).isInstanceOf(IllegalStateException.class);
			reply.complete(200, "text/plain", "once");
			return Result.DONE;
		}))) {
			assertThat(server.get("/twice").body()).isEqualTo("once");
		}
	}

}
