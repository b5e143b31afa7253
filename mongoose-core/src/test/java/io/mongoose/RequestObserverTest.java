package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/**
 * {@link RequestObserver}: a request is seen from its head to its reply, and its
 * handler's scope is open only while the handler runs, on the IO thread and on a worker.
 */
class RequestObserverTest {

	private static final long WAIT_SECONDS = 10;

	@Test
	void scopeIsOpenWhileTheHandlerRunsOnTheIoThreadAndClosedBeforeTheNextRequest() throws Exception {
		Recorder recorder = new Recorder();
		try (RunningServer server = RunningServer.start(s -> {
			s.setRequestObserver(recorder);
			s.addUriHandler("/plain", RequestObserverTest::current);
			s.addUriHandler("/unobserved", RequestObserverTest::current);
		})) {
			HttpClient client = RunningServer.client(); // one keep-alive connection
			assertThat(get(client, server, "/plain?x=1").body()).isEqualTo("r1 on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("start r1 GET /plain");
			assertThat(recorder.next()).isEqualTo("open r1 on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("close r1 on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("end r1 200 null aborted=false");
			// the same thread, the same connection: nothing of r1 is left in the handler
			assertThat(get(client, server, "/unobserved").body()).isEqualTo("null on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("start - GET /unobserved");
			assertThat(get(client, server, "/plain").body()).isEqualTo("r2 on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("start r2 GET /plain");
		}
	}

	@Test
	void blockingHandlerRunsInsideTheScopeOnItsWorker() throws Exception {
		Recorder recorder = new Recorder();
		try (RunningServer server = RunningServer.start(s -> {
			s.setRequestObserver(recorder);
			s.addUriHandler("/blocking", Handler.blocking(RequestObserverTest::current));
		})) {
			String body = server.get("/blocking").body();
			assertThat(body).startsWith("r1 on mongoose-worker-");
			String worker = body.substring("r1 on ".length());
			assertThat(recorder.next()).isEqualTo("start r1 GET /blocking");
			assertThat(recorder.next()).isEqualTo("open r1 on " + worker);
			assertThat(recorder.next()).isEqualTo("close r1 on " + worker);
			assertThat(recorder.next()).isEqualTo("end r1 200 null aborted=false");
		}
	}

	@Test
	void handlerFailureIsHandedToTheObserverWithThe500() throws Exception {
		Recorder recorder = new Recorder();
		try (RunningServer server = RunningServer.start(s -> {
			s.setRequestObserver(recorder);
			s.addUriHandler("/fails", c -> {
				throw new IllegalStateException("broken on purpose");
			});
		})) {
			assertThat(server.get("/fails").statusCode()).isEqualTo(500);
			assertThat(recorder.next()).isEqualTo("start r1 GET /fails");
			assertThat(recorder.next()).startsWith("open r1");
			assertThat(recorder.next()).startsWith("close r1");
			assertThat(recorder.next()).isEqualTo("end r1 500 IllegalStateException aborted=false");
		}
	}

	@Test
	void requestRefusedBeforeItsHeadIsParsedIsObservedToo() throws Exception {
		Recorder recorder = new Recorder();
		try (RunningServer server = RunningServer.start(s -> s.setRequestObserver(recorder))) {
			assertThat(server.raw("GET / HTTP/2.0\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 505 ");
			assertThat(recorder.next()).isEqualTo("start r1 GET null");
			assertThat(recorder.next()).isEqualTo("end r1 505 null aborted=false");
		}
	}

	@Test
	void requestWhoseClientLeavesBeforeTheReplyIsCompletedAsAborted() throws Exception {
		Recorder recorder = new Recorder();
		CountDownLatch suspended = new CountDownLatch(1);
		try (RunningServer server = RunningServer.start(s -> {
			s.setRequestObserver(recorder);
			s.addUriHandler("/later", c -> {
				c.suspend(); // never answered
				suspended.countDown();
				return Result.DONE;
			});
			s.addUriHandler("/plain", RequestObserverTest::current);
		})) {
			try (Socket socket = new Socket("127.0.0.1", server.port())) {
				socket.getOutputStream()
					.write("GET /later HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(suspended.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(recorder.next()).isEqualTo("start r1 GET /later");
			assertThat(recorder.next()).startsWith("open r1");
			assertThat(recorder.next()).startsWith("close r1");
			assertThat(recorder.next()).isEqualTo("end r1 0 null aborted=true");
			// the server goes on
			assertThat(server.get("/plain").body()).isEqualTo("r2 on " + server.ioThread().getName());
			assertThat(recorder.next()).isEqualTo("start r2 GET /plain");
		}
	}

	@Test
	void observerThatThrowsLeavesTheRequestUnobservedAndAnswered() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			s.setRequestObserver(new Recorder() {
				@Override
				public Object requestStarted(Connection connection) {
					throw new IllegalStateException("observer broken on purpose");
				}
			});
			s.addUriHandler("/plain", RequestObserverTest::current);
		})) {
			assertThat(server.get("/plain").body()).isEqualTo("null on " + server.ioThread().getName());
		}
	}

	/** Answers with the request the scope says is current, and the thread. */
	private static Result current(Connection c) {
		c.sendReply(200, "text/plain", Recorder.CURRENT.get() + " on " + Thread.currentThread().getName());
		return Result.DONE;
	}

	private static HttpResponse<String> get(HttpClient client, RunningServer server, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(java.net.URI.create(server.url(path)))
			.timeout(Duration.ofSeconds(WAIT_SECONDS))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Keeps each request's name in a thread-local while its scope is open, as a tracer
	 * does, and records every call.
	 */
	static class Recorder implements RequestObserver {

		static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

		private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		private final AtomicInteger numbers = new AtomicInteger();

		@Override
		public Object requestStarted(Connection connection) {
			if (connection.uri() != null && connection.uri().startsWith("/unobserved")) {
				this.events.add("start - " + connection.requestMethod() + " " + connection.uri());
				return null;
			}
			String name = "r" + this.numbers.incrementAndGet();
			this.events.add("start " + name + " " + connection.requestMethod() + " " + connection.uri());
			return name;
		}

		@Override
		public Scope handlerScope(Connection connection, Object request) {
			String previous = CURRENT.get();
			CURRENT.set((String) request);
			this.events.add("open " + request + " on " + Thread.currentThread().getName());
			return () -> {
				this.events.add("close " + request + " on " + Thread.currentThread().getName());
				CURRENT.set(previous);
			};
		}

		@Override
		public void requestCompleted(Connection connection, Object request, Throwable failure, boolean aborted) {
			this.events.add("end " + request + " " + connection.statusCode() + " "
					+ ((failure != null) ? failure.getClass().getSimpleName() : null) + " aborted=" + aborted);
		}

		String next() throws InterruptedException {
			String event = this.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(event).as("the next observer call").isNotNull();
			return event;
		}

	}

}
