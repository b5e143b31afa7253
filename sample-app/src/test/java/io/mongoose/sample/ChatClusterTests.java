package io.mongoose.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.mongoose.boot.relay.BroadcastRelay;
import io.mongoose.boot.relay.RelayedBroadcast;
import io.mongoose.test.WebSocketRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample joined by a relay, as in the {@code cluster} profile, are
 * one chat: a message posted on either reaches every client once and joins both
 * histories, the user count is the cluster's, and the clock is not relayed (each instance
 * ticks for its own clients). The relay here is an in-process one between the two
 * instances; the Redis relays themselves are tested in the starter.
 */
class ChatClusterTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<LoopbackRelay> relays = new CopyOnWriteArrayList<>();

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	private final List<WebSocketRecorder> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.socket().abort());
		this.apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoInstancesAreOneChat() throws Exception {
		int a = start();
		int b = start();
		WebSocketRecorder onA = connect(a);
		WebSocketRecorder onB = connect(b);
		assertThat(awaitUsers(onB, 2)).as("a user on each instance").isEqualTo(2);
		assertThat(awaitUsers(onA, 2)).isEqualTo(2);

		onA.socket().sendText("{\"user\":\"ann\",\"text\":\"hello from a\"}", true).get(5, TimeUnit.SECONDS);
		assertThat(nextOfType(onA, "chat").get("text").asString()).isEqualTo("hello from a");
		assertThat(nextOfType(onB, "chat").get("text").asString()).isEqualTo("hello from a");

		WebSocketRecorder lateOnB = connect(b);
		assertThat(nextOfType(lateOnB, "chat").get("text").asString()).as("the history on b holds what was posted on a")
			.isEqualTo("hello from a");
		assertThat(awaitUsers(lateOnB, 3)).isEqualTo(3);

		nextOfType(lateOnB, "clock");
		assertThat(this.relays).allSatisfy((relay) -> assertThat(relay.published).as("the clock is not relayed")
			.noneMatch((text) -> text.contains("\"clock\"")));
	}

	private int start() throws Exception {
		Path data = Files.createTempDirectory(Path.of("target"), "cluster-");
		LoopbackRelay relay = new LoopbackRelay();
		this.relays.add(relay);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(
					(context) -> ((GenericApplicationContext) context).registerBean(BroadcastRelay.class, () -> relay))
			.run("--mongoose.listening-port=127.0.0.1:0", "--sample.data-dir=" + data.toAbsolutePath(),
					"--spring.lifecycle.timeout-per-shutdown-phase=1s");
		this.apps.add(app);
		return app.getEnvironment().getRequiredProperty("local.mongoose.port", Integer.class);
	}

	private WebSocketRecorder connect(int port) {
		WebSocketRecorder client = WebSocketRecorder.connect(port, "/ws/chat");
		this.clients.add(client);
		return client;
	}

	/**
	 * Hands every broadcast to the other instances' receivers, as a Redis relay would.
	 */
	private final class LoopbackRelay implements BroadcastRelay {

		final List<String> published = new CopyOnWriteArrayList<>();

		volatile Consumer<RelayedBroadcast> receiver;

		@Override
		public void publish(RelayedBroadcast broadcast) {
			this.published.add(new String(broadcast.payload(), StandardCharsets.UTF_8));
			for (LoopbackRelay other : ChatClusterTests.this.relays) {
				if (other != this && other.receiver != null) {
					other.receiver.accept(broadcast);
				}
			}
		}

		@Override
		public void setReceiver(Consumer<RelayedBroadcast> receiver) {
			this.receiver = receiver;
		}

	}

	/**
	 * The next message of {@code type} {@code client} receives, skipping others, within
	 * 10 s.
	 */
	private JsonNode nextOfType(WebSocketRecorder client, String type) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			String next = client.texts().poll(100, TimeUnit.MILLISECONDS);
			if (next != null) {
				JsonNode node = this.json.readTree(next);
				if (type.equals(node.get("type").asString())) {
					return node;
				}
			}
		}
		throw new AssertionError("no " + type + " message within 10 s");
	}

	/** Reads user counts until one is {@code count}, within 20 s; returns it. */
	private int awaitUsers(WebSocketRecorder client, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		int last = -1;
		while (last != count) {
			assertThat(System.nanoTime()).as("users reached " + count + " within 20 s, last " + last)
				.isLessThan(deadline);
			last = nextOfType(client, "users").get("count").asInt();
		}
		return last;
	}

}
