package io.mongoose.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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

	private final List<Client> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.socket.abort());
		this.apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoInstancesAreOneChat() throws Exception {
		int a = start();
		int b = start();
		Client onA = connect(a);
		Client onB = connect(b);
		assertThat(onB.awaitUsers(2)).as("a user on each instance").isEqualTo(2);
		assertThat(onA.awaitUsers(2)).isEqualTo(2);

		onA.socket.sendText("{\"user\":\"ann\",\"text\":\"hello from a\"}", true).get(5, TimeUnit.SECONDS);
		assertThat(onA.nextOfType("chat").get("text").asString()).isEqualTo("hello from a");
		assertThat(onB.nextOfType("chat").get("text").asString()).isEqualTo("hello from a");

		Client lateOnB = connect(b);
		assertThat(lateOnB.nextOfType("chat").get("text").asString()).as("the history on b holds what was posted on a")
			.isEqualTo("hello from a");
		assertThat(lateOnB.awaitUsers(3)).isEqualTo(3);

		lateOnB.nextOfType("clock");
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

	private Client connect(int port) throws Exception {
		Client client = new Client();
		client.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), client)
			.get(5, TimeUnit.SECONDS);
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

	private final class Client implements WebSocket.Listener {

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.texts.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		/** The next message of {@code type}, skipping others, within 10 s. */
		JsonNode nextOfType(String type) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				String next = this.texts.poll(100, TimeUnit.MILLISECONDS);
				if (next != null) {
					JsonNode node = ChatClusterTests.this.json.readTree(next);
					if (type.equals(node.get("type").asString())) {
						return node;
					}
				}
			}
			throw new AssertionError("no " + type + " message within 10 s");
		}

		/** Reads user counts until one is {@code count}, within 20 s; returns it. */
		int awaitUsers(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			int last = -1;
			while (last != count) {
				assertThat(System.nanoTime()).as("users reached " + count + " within 20 s, last " + last)
					.isLessThan(deadline);
				last = nextOfType("users").get("count").asInt();
			}
			return last;
		}

	}

}
