package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.BroadcastResult;
import io.mongoose.boot.relay.RedisBroadcastRelay;
import io.mongoose.boot.testapp.TestApplication;
import io.mongoose.test.WebSocketRecorder;

/**
 * Two application instances, in one JVM on two ports, sharing a real {@code redis-server}
 * through {@code mongoose.broadcast.relay=redis}: WebSocket clients on each instance,
 * every broadcast delivered once to every client, and a Redis outage in the middle.
 * "Nothing else arrives" is checked with fences (see {@link #fence}), never by waiting a
 * while.
 */
class RedisBroadcastRelayApplicationTests {

	private RedisServerProcess redis;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<WebSocketRecorder> clients = new ArrayList<>();

	private Instance a;

	private Instance b;

	@BeforeEach
	void startRedisAndTwoInstances() throws Exception {
		this.redis = RedisServerProcess.start();
		String channel = "mongoose-test:" + UUID.randomUUID();
		this.a = new Instance(run("a", channel));
		this.b = new Instance(run("b", channel));
		assertThat(this.a.port()).isNotEqualTo(this.b.port());
		awaitRelay(this.a, this.b.chat);
		awaitRelay(this.b, this.a.chat);
		fence(this.a, this.b);
	}

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.socket().abort());
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void broadcastFromEitherInstanceReachesEveryClientExactlyOnce() throws Exception {
		BroadcastResult fromA = this.a.broadcaster().sendText("hello from a").get(5, TimeUnit.SECONDS);
		assertThat(fromA.reached()).as("the result counts local connections").isEqualTo(2);
		this.b.broadcaster().sendBinary(allByteValues()).get(5, TimeUnit.SECONDS);
		this.a.broadcaster().under("/ws/chat").sendText("chat only").get(5, TimeUnit.SECONDS);
		this.b.broadcaster().under("/ws").under("/ws/news").sendText("news only").get(5, TimeUnit.SECONDS);
		this.a.broadcaster().matching((connection) -> true).sendText("predicate stays local").get(5, TimeUnit.SECONDS);

		List<Received> all = fence(this.a, this.b);
		for (Received received : all) {
			assertThat(received.count("hello from a")).as("text from a, exactly once").isEqualTo(1);
			assertThat(received.binaries).as("binary from b, exactly once").hasSize(1);
			assertThat(received.binaries.get(0)).isEqualTo(allByteValues());
		}
		assertThat(all.stream().map((r) -> r.count("chat only"))).containsExactly(1L, 0L, 1L, 0L);
		assertThat(all.stream().map((r) -> r.count("news only"))).containsExactly(0L, 1L, 0L, 1L);
		assertThat(all.stream().map((r) -> r.count("predicate stays local"))).containsExactly(1L, 1L, 0L, 0L);
		assertThat(this.a.relay().getReceivedCount()).isPositive();
		assertThat(this.b.relay().getReceivedCount()).isPositive();
		assertThat(this.a.relay().getFailureCount()).isZero();
	}

	@Test
	void localDeliveryContinuesWhileRedisIsDownAndTheRelayResumesAfterwards() throws Exception {
		this.redis.stop();
		BroadcastResult during = this.a.broadcaster().sendText("during the outage").get(10, TimeUnit.SECONDS);
		assertThat(during.reached()).isEqualTo(2);
		assertThat(this.a.chat.nextText()).isEqualTo("during the outage");
		assertThat(this.a.news.nextText()).isEqualTo("during the outage");
		awaitTrue(() -> failures(this.a) > 0);
		assertThat(this.a.relay().getFailureCount()).isPositive();

		this.redis.restart();
		awaitRelay(this.a, this.b.chat);
		awaitRelay(this.b, this.a.chat);
		fence(this.a, this.b);
		this.b.broadcaster().sendText("after the outage").get(5, TimeUnit.SECONDS);
		List<Received> all = fence(this.a, this.b);
		assertThat(all.stream().map((r) -> r.count("after the outage"))).containsExactly(1L, 1L, 1L, 1L);
		assertThat(all.stream().map((r) -> r.count("during the outage"))).allMatch((n) -> n <= 1);
	}

	@Test
	void anInstanceStartedWhileRedisIsDownJoinsOnceRedisIsUp() throws Exception {
		this.redis.stop();
		Instance c = new Instance(run("c", this.a.context.getBean(RedisBroadcastRelay.class).getChannel()));
		assertThat(c.relay().isRunning()).isTrue();
		c.broadcaster().sendText("local while down").get(2, TimeUnit.SECONDS);
		assertThat(c.chat.nextText()).isEqualTo("local while down");
		this.redis.restart();
		awaitRelay(c, this.a.chat);
		awaitRelay(this.b, c.news);
		// the container reports its subscription asynchronously, after messages already
		// flow
		awaitTrue(() -> c.relay().isListening());
	}

	private ConfigurableApplicationContext run(String instanceId, String channel) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off",
					"spring.lifecycle.timeout-per-shutdown-phase=1s", "mongoose.broadcast.relay=redis",
					"mongoose.broadcast.channel=" + channel, "mongoose.broadcast.instance-id=" + instanceId,
					"mongoose.broadcast.recovery-interval=200ms", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + this.redis.port(), "spring.data.redis.timeout=500ms")
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Broadcasts probes from {@code from} until {@code to}, on another instance, gets
	 * one.
	 */
	private void awaitRelay(Instance from, WebSocketRecorder to) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		for (int i = 0; System.nanoTime() < deadline; i++) {
			from.broadcaster().sendText("probe " + i);
			String text = to.texts().poll(200, TimeUnit.MILLISECONDS);
			if (text != null && text.startsWith("probe")) {
				return;
			}
		}
		throw new AssertionError("The relay did not carry a broadcast between the instances within 20 s");
	}

	/**
	 * Broadcasts a fence from each instance and collects what every client of those
	 * instances receives until it holds all the fences. Redis keeps one publisher's order
	 * and the IO thread keeps local order, so whatever the instances broadcast before,
	 * relayed duplicates included, has arrived by then. The fences themselves are left
	 * out of what is returned.
	 */
	private List<Received> fence(Instance... instances) throws Exception {
		String id = "fence " + UUID.randomUUID();
		List<String> fences = new ArrayList<>();
		for (Instance instance : instances) {
			String fence = id + " from " + instance.port();
			fences.add(fence);
			instance.broadcaster().sendText(fence).get(5, TimeUnit.SECONDS);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		List<Received> all = new ArrayList<>();
		for (Instance instance : instances) {
			for (WebSocketRecorder client : Arrays.asList(instance.chat, instance.news)) {
				all.add(new Received(client).awaitAll(fences, deadline));
			}
		}
		return all;
	}

	private static double failures(Instance instance) {
		return instance.context.getBean(MeterRegistry.class)
			.get("mongoose.broadcast.relay.failures")
			.functionCounter()
			.count();
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static byte[] allByteValues() {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	private final class Instance {

		final ConfigurableApplicationContext context;

		final WebSocketRecorder chat;

		final WebSocketRecorder news;

		Instance(ConfigurableApplicationContext context) {
			this.context = context;
			this.chat = connect(port(), "/ws/chat");
			this.news = connect(port(), "/ws/news");
		}

		int port() {
			return this.context.getBean(MongooseWebServer.class).getPort();
		}

		ConnectionBroadcaster broadcaster() {
			return this.context.getBean(ConnectionBroadcaster.class);
		}

		RedisBroadcastRelay relay() {
			return this.context.getBean(RedisBroadcastRelay.class);
		}

		private WebSocketRecorder connect(int port, String path) {
			WebSocketRecorder client = WebSocketRecorder.connect(port, path);
			RedisBroadcastRelayApplicationTests.this.clients.add(client);
			return client;
		}

	}

	/** Everything one client received so far, drained from its queues. */
	private static final class Received {

		private final WebSocketRecorder client;

		private final List<String> texts = new ArrayList<>();

		private final List<byte[]> binaries = new ArrayList<>();

		Received(WebSocketRecorder client) {
			this.client = client;
		}

		/** Receives until every fence is in, then drops the fences. */
		Received awaitAll(List<String> fences, long deadline) throws InterruptedException {
			while (!this.texts.containsAll(fences)) {
				assertThat(System.nanoTime()).as("fences " + fences + " arrived within 20 s, got " + this)
					.isLessThan(deadline);
				String text = this.client.texts().poll(100, TimeUnit.MILLISECONDS);
				if (text != null) {
					this.texts.add(text);
				}
			}
			this.texts.removeAll(fences);
			this.client.binaries().drainTo(this.binaries);
			return this;
		}

		long count(String text) {
			return this.texts.stream().filter(text::equals).count();
		}

		@Override
		public String toString() {
			return this.texts + " + " + this.binaries.stream().map((b) -> b.length + " bytes").toList();
		}

	}

}
