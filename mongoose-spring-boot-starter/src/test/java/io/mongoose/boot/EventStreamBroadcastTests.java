package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.BroadcastResult;
import io.mongoose.Server;
import io.mongoose.ServerSentEvent;
import io.mongoose.boot.testapp.TestApplication;
import io.mongoose.test.WebSocketRecorder;

/**
 * The broadcaster reaches event streams (Server-Sent Events) as it reaches WebSockets, on
 * this instance and, through a real {@code redis-server}, on another one; the
 * {@code mongoose.sse.*} properties reach the core. Real clients: the JDK
 * {@code WebSocket} and {@code HttpClient}.
 */
class EventStreamBroadcastTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<AutoCloseable> clients = new ArrayList<>();

	private RedisServerProcess redis;

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void textReachesWebSocketsAndStreamsEventsOnlyStreamsBinaryOnlyWebSockets() throws Exception {
		ConfigurableApplicationContext context = run();
		WebSocketRecorder ws = WebSocketRecorder.connect(port(context), "/ws/chat");
		this.clients.add(() -> ws.socket().abort());
		EventStreamRecorder sse = stream(port(context), "/events");
		ConnectionBroadcaster broadcaster = context.getBean(ConnectionBroadcaster.class);

		assertThat(broadcaster.sendText("both").get(5, TimeUnit.SECONDS)).isEqualTo(new BroadcastResult(2, 0, 0));
		assertThat(ws.nextText()).isEqualTo("both");
		assertThat(sse.nextData()).isEqualTo("both");

		ServerSentEvent tick = ServerSentEvent.of("12:00:00").withEvent("clock").withId("1");
		assertThat(broadcaster.under("/events").sendEvent(tick).get(5, TimeUnit.SECONDS))
			.isEqualTo(new BroadcastResult(1, 0, 0));
		assertThat(sse.next((line) -> !line.startsWith(":") && !line.isEmpty(), "the event's first field"))
			.isEqualTo("id: 1");
		assertThat(sse.next((line) -> true, "event")).isEqualTo("event: clock");
		assertThat(sse.next((line) -> true, "data")).isEqualTo("data: 12:00:00");

		assertThat(broadcaster.sendBinary(new byte[] { 1, 2 }).get(5, TimeUnit.SECONDS).reached()).isOne();
		assertThat(broadcaster.under("/ws").sendText("ws only").get(5, TimeUnit.SECONDS).reached()).isOne();
		assertThat(broadcaster.matching((c) -> c.isEventStream())
			.sendText("streams only")
			.get(5, TimeUnit.SECONDS)
			.reached()).isOne();
		assertThat(ws.nextBinary()).containsExactly(1, 2);
		assertThat(ws.nextText()).as("no event reached the WebSocket").isEqualTo("ws only");
		assertThat(sse.nextData()).as("neither the binary nor the text under /ws").isEqualTo("streams only");
		assertThat(broadcaster.getReachedCount()).isEqualTo(6);
	}

	@Test
	void theSsePropertiesSetTheHeartbeatAndTheReplayBuffer() throws Exception {
		ConfigurableApplicationContext context = run("mongoose.sse.heartbeat=50ms", "mongoose.sse.replay-size=2");
		Server server = context.getBean(MongooseWebServer.class).getServers().get(0);
		assertThat(server.getOption("sse_heartbeat_ms")).isEqualTo("50");
		assertThat(server.getOption("sse_replay_size")).isEqualTo("2");
		EventStreamRecorder sse = stream(port(context), "/events");
		sse.next((line) -> line.equals(": "), "a heartbeat after the first comment");
		ConnectionBroadcaster broadcaster = context.getBean(ConnectionBroadcaster.class);
		for (int i = 1; i <= 3; i++) {
			broadcaster.sendEvent(ServerSentEvent.of("e" + i).withId(Integer.toString(i))).get(5, TimeUnit.SECONDS);
		}
		assertThat(stream(port(context), "/events", "Last-Event-ID", "2").nextData()).isEqualTo("e3");
		EventStreamRecorder tooOld = stream(port(context), "/events", "Last-Event-ID", "1");
		broadcaster.sendEvent(ServerSentEvent.of("live")).get(5, TimeUnit.SECONDS);
		assertThat(tooOld.nextData()).as("id 1 left the buffer of 2: nothing replayed").isEqualTo("live");
	}

	@Test
	void theRedisRelayCarriesEventsAndTextToTheStreamsOfAnotherInstance() throws Exception {
		this.redis = RedisServerProcess.start();
		String channel = "mongoose-test:" + UUID.randomUUID();
		ConfigurableApplicationContext a = run(relay(channel, "a"));
		ConfigurableApplicationContext b = run(relay(channel, "b"));
		EventStreamRecorder onB = stream(port(b), "/events/news");
		ConnectionBroadcaster fromA = a.getBean(ConnectionBroadcaster.class);
		awaitRelay(fromA, onB);

		fromA.under("/events").sendEvent(ServerSentEvent.of("relayed").withEvent("news").withId("r1"));
		assertThat(onB.next((line) -> line.startsWith("id: r1") || line.startsWith("event: news"), "the event"))
			.isEqualTo("id: r1");
		assertThat(onB.next((line) -> true, "its type")).isEqualTo("event: news");
		assertThat(onB.nextData()).isEqualTo("relayed");
		fromA.sendText("text relayed");
		assertThat(onB.nextData()).isEqualTo("text relayed");
		fromA.under("/events").sendEvent(ServerSentEvent.of("second").withId("r2"));
		assertThat(onB.nextData()).isEqualTo("second");
		// b kept the relayed events for replay
		assertThat(stream(port(b), "/events/news", "Last-Event-ID", "r1").nextData()).isEqualTo("second");
	}

	private static void awaitRelay(ConnectionBroadcaster from, EventStreamRecorder to) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			from.under("/events").sendEvent(ServerSentEvent.of("probe"));
			if ("probe".equals(to.pollData(200))) {
				return;
			}
		}
		throw new AssertionError("The relay did not carry an event between the instances within 20 s");
	}

	private String[] relay(String channel, String instance) {
		return new String[] { "mongoose.broadcast.relay=redis", "mongoose.broadcast.channel=" + channel,
				"mongoose.broadcast.instance-id=" + instance, "mongoose.broadcast.startup-timeout=20s",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
				"spring.data.redis.timeout=500ms" };
	}

	private ConfigurableApplicationContext run(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off",
					"spring.lifecycle.timeout-per-shutdown-phase=1s")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private EventStreamRecorder stream(int port, String path, String... headers) throws InterruptedException {
		EventStreamRecorder recorder = EventStreamRecorder.open(port, path, headers);
		this.clients.add(recorder);
		return recorder;
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getBean(MongooseWebServer.class).getPort();
	}

}
