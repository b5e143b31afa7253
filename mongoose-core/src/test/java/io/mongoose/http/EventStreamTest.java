package io.mongoose.http;

import static io.mongoose.http.EventStreamClient.chunk;
import static io.mongoose.http.EventStreamClient.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mongoose.BroadcastResult;
import io.mongoose.Connection;
import io.mongoose.EventStreamHandler;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.ServerSentEvent;

/**
 * Server-Sent Events over real sockets: the head and the events on the wire, replay after
 * {@code Last-Event-ID}, heartbeats, a client leaving, the stream's clean end, broadcasts
 * and slow readers, and the JDK client reading lines.
 */
class EventStreamTest {

	private static final String HEARTBEAT = ": \n\n";

	/** Records the streams that opened and closed. */
	static final class Recording implements EventStreamHandler {

		final List<Connection> opened = new CopyOnWriteArrayList<>();

		final CompletableFuture<Connection> closed = new CompletableFuture<>();

		private final ServerSentEvent greeting;

		Recording(ServerSentEvent greeting) {
			this.greeting = greeting;
		}

		@Override
		public void onOpen(Connection connection) {
			this.opened.add(connection);
			if (this.greeting != null) {
				connection.sendEvent(this.greeting);
			}
		}

		@Override
		public void onClose(Connection connection) {
			this.closed.complete(connection);
		}

	}

	@Test
	void theHeadThenEventsWithEveryFieldAndMultiLineDataInChunks() throws Exception {
		ServerSentEvent event = ServerSentEvent.of("one\ntwo\r\nthree\rfour")
			.withId("7")
			.withEvent("greeting")
			.withRetry(Duration.ofMillis(2500));
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", new Recording(event)));
				EventStreamClient client = new EventStreamClient(server.port(), get("/events"))) {
			String expected = "id: 7\nevent: greeting\nretry: 2500\ndata: one\ndata: two\ndata: three\ndata: four\n\n";
			String all = client.until(chunk(expected));
			String head = all.substring(0, all.indexOf("\r\n\r\n") + 4);
			assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("\r\nContent-Type: text/event-stream\r\n", "\r\nCache-Control: no-store\r\n",
						"\r\nTransfer-Encoding: chunked\r\n")
				.doesNotContain("Content-Length");
			// a first comment sends the head at once, so EventSource opens before any
			// event
			assertThat(all.substring(head.length())).isEqualTo(chunk(HEARTBEAT) + chunk(expected));
		}
	}

	@Test
	void overHttp10TheStreamIsCloseDelimited() throws Exception {
		try (RunningServer server = RunningServer
			.start((s) -> s.addUriHandler("/events", new Recording(ServerSentEvent.of("hi"))));
				EventStreamClient client = new EventStreamClient(server.port(),
						"GET /events HTTP/1.0\r\nHost: localhost\r\n\r\n")) {
			String all = client.until("data: hi\n\n");
			assertThat(all).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("\r\nConnection: close\r\n")
				.doesNotContain("Transfer-Encoding", "Content-Length")
				.endsWith("\r\n\r\n" + HEARTBEAT + "data: hi\n\n");
		}
	}

	@Test
	void lastEventIdReplaysTheEventsAfterItAnUnknownIdNothing() throws Exception {
		try (RunningServer server = RunningServer.start((s) -> {
			s.addUriHandler("/events", new Recording(ServerSentEvent.of("live")));
			assertThat(s.setOption("sse_replay_size", "3")).isNull();
		})) {
			Server srv = server.server();
			for (int i = 1; i <= 5; i++) {
				srv.eventBroadcast(null, null, ServerSentEvent.of("e" + i).withId(Integer.toString(i)))
					.get(5, TimeUnit.SECONDS);
			}
			// not replayed: to one room only, with a filter, or without an id
			srv.eventBroadcast("/events/other", null, ServerSentEvent.of("other room").withId("x"))
				.get(5, TimeUnit.SECONDS);
			srv.eventBroadcast(null, (c) -> true, ServerSentEvent.of("filtered").withId("f")).get(5, TimeUnit.SECONDS);
			srv.eventBroadcast(null, null, ServerSentEvent.of("no id")).get(5, TimeUnit.SECONDS);
			try (EventStreamClient client = new EventStreamClient(server.port(),
					get("/events/room", "Last-Event-ID: 4"))) {
				String all = client.until("data: live\n\n");
				String body = all.substring(all.indexOf("\r\n\r\n") + 4);
				assertThat(body).isEqualTo(chunk("id: 5\ndata: e5\n\n") + chunk("data: live\n\n"));
			}
			try (EventStreamClient client = new EventStreamClient(server.port(),
					get("/events/other", "Last-Event-ID: 5"))) {
				String all = client.until("data: live\n\n");
				assertThat(all.substring(all.indexOf("\r\n\r\n") + 4))
					.isEqualTo(chunk("id: x\ndata: other room\n\n") + chunk("data: live\n\n"));
			}
			// 1 was pushed out of the buffer of 3: like an id never sent, nothing
			// replayed
			for (String unknown : new String[] { "1", "nope" }) {
				try (EventStreamClient client = new EventStreamClient(server.port(),
						get("/events", "Last-Event-ID: " + unknown))) {
					String all = client.until("data: live\n\n");
					assertThat(all.substring(all.indexOf("\r\n\r\n") + 4))
						.isEqualTo(chunk(HEARTBEAT) + chunk("data: live\n\n"));
				}
			}
		}
	}

	@Test
	void heartbeatsArriveOnTheInterval() throws Exception {
		try (RunningServer server = RunningServer.start((s) -> {
			s.addUriHandler("/events", new Recording(null));
			assertThat(s.setOption("sse_heartbeat_ms", "50")).isNull();
		}); EventStreamClient client = new EventStreamClient(server.port(), get("/events"))) {
			String all = client.until((text) -> count(text, chunk(HEARTBEAT)) >= 3, "three heartbeats");
			assertThat(all.substring(all.indexOf("\r\n\r\n") + 4)).matches("(" + chunk(HEARTBEAT) + ")+");
		}
	}

	@Test
	void aClientThatLeavesIsNoticedAndForgotten() throws Exception {
		Recording handler = new Recording(ServerSentEvent.of("hi"));
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", handler))) {
			EventStreamClient client = new EventStreamClient(server.port(), get("/events"));
			client.until("data: hi");
			client.close();
			Connection gone = handler.closed.get(10, TimeUnit.SECONDS);
			assertThat(gone.isClosed()).isTrue();
			assertThat(gone.sendEvent(ServerSentEvent.of("late"))).isZero();
			BroadcastResult result = server.server()
				.eventBroadcast(null, null, ServerSentEvent.of("after"))
				.get(5, TimeUnit.SECONDS);
			assertThat(result).isEqualTo(new BroadcastResult(0, 0, 0));
			assertThat(connectionCount(server.server())).isZero();
		}
	}

	@Test
	void gracefulShutdownEndsTheStreamWithItsLastChunk() throws Exception {
		Recording handler = new Recording(ServerSentEvent.of("hi"));
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", handler));
				EventStreamClient client = new EventStreamClient(server.port(), get("/events"))) {
			client.until("data: hi");
			CompletableFuture<Integer> counted = new CompletableFuture<>();
			server.server().execute(() -> {
				server.server().drain();
				counted.complete(server.server().connectionCount());
			});
			assertThat(counted.get(5, TimeUnit.SECONDS)).as("drain counts the open stream").isEqualTo(1);
			assertThat(client.untilClosed()).endsWith(chunk("data: hi\n\n") + "0\r\n\r\n");
			handler.closed.get(10, TimeUnit.SECONDS);
			assertThat(connectionCount(server.server())).isZero();
		}
	}

	@Test
	void closeFromAnotherThreadEndsTheBodyAfterTheEventsBeforeIt() throws Exception {
		Recording handler = new Recording(null);
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", handler));
				EventStreamClient client = new EventStreamClient(server.port(), get("/events"))) {
			client.until(chunk(HEARTBEAT));
			Connection stream = handler.opened.get(0);
			assertThat(stream.isEventStream()).isTrue();
			for (int i = 0; i < 100; i++) {
				assertThat(stream.sendEvent(ServerSentEvent.of(Integer.toString(i)))).isPositive();
			}
			stream.close();
			assertThat(stream.sendEvent(ServerSentEvent.of("after close"))).isZero();
			String all = client.untilClosed();
			assertThat(all).endsWith(chunk("data: 99\n\n") + "0\r\n\r\n").doesNotContain("after close");
			for (int i = 0; i < 100; i++) {
				assertThat(all).contains(chunk("data: " + i + "\n\n"));
			}
			handler.closed.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void broadcastsReachTheStreamsUnderThePrefixThatTheFilterAccepts() throws Exception {
		try (RunningServer server = RunningServer.start((s) -> {
			s.addUriHandler("/events", new Recording(null));
			s.addUriHandler("/other", new Recording(null));
		});
				EventStreamClient a = new EventStreamClient(server.port(), get("/events/a"));
				EventStreamClient b = new EventStreamClient(server.port(), get("/events/b"));
				EventStreamClient other = new EventStreamClient(server.port(), get("/other"))) {
			for (EventStreamClient client : List.of(a, b, other)) {
				client.until(chunk(HEARTBEAT));
			}
			Server srv = server.server();
			assertThat(srv.eventBroadcast("/events", null, ServerSentEvent.of("both")).get(5, TimeUnit.SECONDS))
				.isEqualTo(new BroadcastResult(2, 0, 0));
			assertThat(srv.eventBroadcast(null, (c) -> c.uri().endsWith("/b"), ServerSentEvent.of("only b"))
				.get(5, TimeUnit.SECONDS)).isEqualTo(new BroadcastResult(1, 0, 0));
			assertThat(srv.eventBroadcast(null, null, ServerSentEvent.of("all")).get(5, TimeUnit.SECONDS))
				.isEqualTo(new BroadcastResult(3, 0, 0));
			assertThat(a.until("data: all")).contains("data: both").doesNotContain("only b");
			assertThat(b.until("data: all")).contains("data: both", "data: only b");
			assertThat(other.until("data: all")).doesNotContain("both", "only b");
		}
	}

	@Test
	void aSlowReaderIsSkippedWithBoundedMemory() throws Exception {
		try (RunningServer server = slowReaderServer("skip");
				EventStreamClient client = new EventStreamClient(server.port(), get("/events"), 4096)) {
			client.until(chunk(HEARTBEAT));
			assertThat(pushUntilNotReached(server.server())).isEqualTo(new BroadcastResult(0, 1, 0));
			assertThat(openConnections(server.server())).as("still open").isOne();
		}
	}

	@Test
	void aSlowReaderIsClosedWhenTheOptionSaysSo() throws Exception {
		Recording handler = new Recording(null);
		try (RunningServer server = RunningServer.start((s) -> {
			s.setOption("send_queue_limit", "65536");
			s.setOption("websocket_slow_reader", "close");
			s.addUriHandler("/events", handler);
		}); EventStreamClient client = new EventStreamClient(server.port(), get("/events"), 4096)) {
			client.until(chunk(HEARTBEAT));
			assertThat(pushUntilNotReached(server.server())).isEqualTo(new BroadcastResult(0, 0, 1));
			handler.closed.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void theJdkClientReadsTheEventsAsLines() throws Exception {
		try (RunningServer server = RunningServer
			.start((s) -> s.addUriHandler("/events", new Recording(ServerSentEvent.of("a\nb").withEvent("pair"))))) {
			HttpResponse<Stream<String>> response = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(server.url("/events")))
					.header("Accept", "text/event-stream")
					.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
			try (Stream<String> lines = response.body()) {
				CompletableFuture<List<String>> event = CompletableFuture
					.supplyAsync(() -> lines.dropWhile((line) -> !line.startsWith("event:")).limit(3).toList());
				assertThat(event.get(10, TimeUnit.SECONDS)).containsExactly("event: pair", "data: a", "data: b");
			}
		}
	}

	@Test
	void headGetsTheHeadAloneOtherMethods405() throws Exception {
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", new Recording(null)))) {
			String head = server.raw("HEAD /events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("Content-Type: text/event-stream")
				.endsWith("\r\n\r\n");
			String post = server
				.raw("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n" + "Connection: close\r\n\r\n");
			assertThat(post).startsWith("HTTP/1.1 405 ").contains("\r\nAllow: GET, HEAD\r\n");
			assertThat(connectionCount(server.server())).isZero();
		}
	}

	@Test
	void anOnOpenThatThrowsEndsTheStream() throws Exception {
		try (RunningServer server = RunningServer.start((s) -> s.addUriHandler("/events", new EventStreamHandler() {
			@Override
			public void onOpen(Connection connection) {
				throw new IllegalStateException("boom");
			}
		})); EventStreamClient client = new EventStreamClient(server.port(), get("/events"))) {
			assertThat(client.untilClosed()).endsWith(chunk(HEARTBEAT) + "0\r\n\r\n");
			assertThat(server.get("/events/x").statusCode()).as("the next one is served").isEqualTo(200);
		}
	}

	@Test
	void anEventThatWouldBreakItsFramingIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerSentEvent.of("x").withId("1\n2"));
		assertThatIllegalArgumentException().isThrownBy(() -> ServerSentEvent.of("x").withId("1\u00002"));
		assertThatIllegalArgumentException().isThrownBy(() -> ServerSentEvent.of("x").withEvent("a\rb"));
		assertThatIllegalArgumentException().isThrownBy(() -> ServerSentEvent.of("x").withRetry(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSentEvent(null, null, null, null));
		assertThat(EventWire.encode(new ServerSentEvent(null, null, null, Duration.ofSeconds(3)))).asString()
			.isEqualTo("retry: 3000\n\n");
		assertThat(EventWire.encode(ServerSentEvent.of(" spaced\n"))).asString().isEqualTo("data:  spaced\ndata: \n\n");
	}

	private static RunningServer slowReaderServer(String policy) throws InterruptedException {
		return RunningServer.start((s) -> {
			s.setOption("send_queue_limit", "65536");
			s.setOption("websocket_slow_reader", policy);
			s.addUriHandler("/events", new Recording(null));
		});
	}

	/** Broadcasts 16 KiB events to a client that never reads, until one is not queued. */
	private static BroadcastResult pushUntilNotReached(Server server) throws Exception {
		ServerSentEvent big = ServerSentEvent.of("x".repeat(16 * 1024));
		for (int i = 0; i < 20_000; i++) {
			BroadcastResult result = server.eventBroadcast(null, null, big).get(5, TimeUnit.SECONDS);
			if (result.reached() == 0) {
				return result;
			}
		}
		throw new AssertionError("every event was queued: the send queue is not bounded");
	}

	/** The connection count once it is 0, or after 10 s. */
	private static int connectionCount(Server server) throws Exception {
		long deadline = System.currentTimeMillis() + 10_000;
		int count = openConnections(server);
		while (count > 0 && System.currentTimeMillis() < deadline) {
			count = openConnections(server);
		}
		return count;
	}

	private static int openConnections(Server server) throws Exception {
		CompletableFuture<Integer> n = new CompletableFuture<>();
		server.execute(() -> n.complete(server.connectionCount()));
		return n.get(5, TimeUnit.SECONDS);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
			n++;
		}
		return n;
	}

}
