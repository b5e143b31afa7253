package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.BroadcastResult;
import io.mongoose.boot.autoconfigure.relay.BroadcastRelayHealthIndicator;
import io.mongoose.boot.relay.AbstractRedisBroadcastRelay;
import io.mongoose.boot.relay.BroadcastEnvelope;
import io.mongoose.boot.relay.RelayedBroadcast;
import io.mongoose.boot.testapp.TestApplication;
import io.mongoose.test.WebSocketRecorder;

/**
 * Two application instances, in one JVM on two ports, sharing a real {@code redis-server}
 * through {@code mongoose.broadcast.relay=redis}: WebSocket clients on each instance,
 * every broadcast delivered once to every client, start-up that waits for the relay, and
 * a Redis outage in the middle. "Nothing else arrives" is checked with fences (see
 * {@link #fence}), never by waiting a while.
 * {@link RedisStreamsBroadcastRelayApplicationTests} runs the same with
 * {@code redis-streams}.
 */
class RedisBroadcastRelayApplicationTests {

	/** The value of {@code mongoose.broadcast.relay}. */
	String relay() {
		return "redis";
	}

	/**
	 * How often a broadcast published while Redis was down reaches another instance after
	 * Redis is back: never with pub/sub.
	 */
	long deliveriesOfABroadcastDuringAnOutage() {
		return 0;
	}

	/** A standalone {@code redis-server}. */
	RedisServerProcess startRedis() throws Exception {
		return RedisServerProcess.start();
	}

	/** How the instances find Redis ({@code spring.data.redis.*}). */
	String[] redisProperties() {
		return new String[] { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port() };
	}

	RedisServerProcess redis;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<WebSocketRecorder> clients = new ArrayList<>();

	/** What {@link #awaitRelay} received that was not a probe, for {@link Received}. */
	private final Map<WebSocketRecorder, List<String>> setAside = new HashMap<>();

	Instance a;

	Instance b;

	String channel;

	@BeforeEach
	void startRedisAndTwoInstances() throws Exception {
		this.redis = startRedis();
		String channel = "mongoose-test:" + UUID.randomUUID();
		this.channel = channel;
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
		awaitTrue(() -> !this.a.relay().isRedisReachable());
		assertThat(meter(this.a, "failures")).isPositive();
		long dropped = 1 - deliveriesOfABroadcastDuringAnOutage();
		awaitTrue(() -> meter(this.a, "dropped") == dropped);
		assertThat(health(this.a).getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(this.a.context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus())
			.as("readiness does not depend on Redis")
			.isEqualTo(Status.UP);
		assertThat(this.a.context.getBean(HealthEndpoint.class).healthForPath("liveness").getStatus())
			.isEqualTo(Status.UP);

		this.redis.restart();
		awaitRelay(this.a, this.b.chat);
		awaitRelay(this.b, this.a.chat);
		// each relay published and received since Redis is back; the sharded relay learns
		// it from its own connection's next answer, so wait for it (that a command sent
		// during the outage no longer turns it back is RelayReachabilityTests' part)
		awaitTrue(() -> this.a.relay().isRedisReachable() && this.b.relay().isRedisReachable());
		// pub/sub is UP from here on; the streams reader's own connection may still be
		// reconnecting (a read on it fails after Redis answered elsewhere)
		awaitTrue(() -> health(this.a).getStatus().equals(Status.UP) && health(this.b).getStatus().equals(Status.UP));
		this.b.broadcaster().sendText("after the outage").get(5, TimeUnit.SECONDS);
		List<Received> all = fence(this.a, this.b);
		assertThat(all.stream().map((r) -> r.count("after the outage"))).containsExactly(1L, 1L, 1L, 1L);
		assertThat(all.subList(2, 4).stream().map((r) -> r.count("during the outage")))
			.as("the other instance's clients")
			.containsOnly(deliveriesOfABroadcastDuringAnOutage());
		assertThat(all.subList(0, 2).stream().map((r) -> r.count("during the outage")))
			.as("local clients got it at once, not again")
			.containsOnly(0L);
		awaitTrue(() -> health(this.a).getStatus().equals(Status.UP));
	}

	@Test
	void anInstanceIsStartedOnlyOnceItsRelayReceives() throws Exception {
		Instance c = new Instance(run("c", this.channel));
		// right after start-up, with no probing: a message published to Redis reaches c
		byte[] envelope = new BroadcastEnvelope("x", new RelayedBroadcast("/ws/chat", RelayedBroadcast.TEXT,
				"straight after start".getBytes(StandardCharsets.UTF_8)))
			.encode();
		publishRaw(envelope);
		assertThat(c.chat.texts().poll(10, TimeUnit.SECONDS)).isEqualTo("straight after start");
	}

	@Test
	void startUpWithRedisDownWaitsBoundedAndHealthSaysSo() throws Exception {
		this.redis.stop();
		Instance c = new Instance(run("c", this.channel, "500ms"));
		assertThat(c.relay().isReceiving()).isFalse();
		Health health = health(c);
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("receiving", false).containsEntry("relay", relay());
		assertThat(c.context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
		this.redis.restart();
		awaitRelay(this.a, c.chat);
		awaitTrue(() -> health(c).getStatus().equals(Status.UP));
	}

	/** Publishes raw bytes as another instance would, through the relay's own command. */
	void publishRaw(byte[] envelope) throws Exception {
		assertThat(this.redis.command("PUBLISH".getBytes(StandardCharsets.US_ASCII),
				this.channel.getBytes(StandardCharsets.UTF_8), envelope))
			.as("PUBLISH reaches the three subscribed instances")
			.isEqualTo(":3");
	}

	@Test
	void anInstanceStartedWhileRedisIsDownJoinsOnceRedisIsUp() throws Exception {
		this.redis.stop();
		Instance c = new Instance(run("c", this.channel, "500ms"));
		assertThat(c.relay().isRunning()).isTrue();
		c.broadcaster().sendText("local while down").get(2, TimeUnit.SECONDS);
		assertThat(c.chat.nextText()).isEqualTo("local while down");
		this.redis.restart();
		awaitRelay(c, this.a.chat);
		awaitRelay(this.b, c.news);
		awaitTrue(() -> c.relay().isReceiving());
	}

	ConfigurableApplicationContext run(String instanceId, String channel) {
		return run(instanceId, channel, "20s");
	}

	/** Starts an instance that waits at most {@code startupTimeout} for its relay. */
	ConfigurableApplicationContext run(String instanceId, String channel, String startupTimeout) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off",
					"spring.lifecycle.timeout-per-shutdown-phase=1s", "mongoose.broadcast.relay=" + relay(),
					"mongoose.broadcast.startup-timeout=" + startupTimeout, "mongoose.broadcast.streams.max-length=200",
					"management.endpoint.health.probes.enabled=true", "mongoose.broadcast.channel=" + channel,
					"mongoose.broadcast.instance-id=" + instanceId, "mongoose.broadcast.recovery-interval=200ms",
					"spring.data.redis.timeout=500ms")
			.properties(redisProperties())
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Broadcasts probes from {@code from} until {@code to}, on another instance, gets
	 * one.
	 */
	void awaitRelay(Instance from, WebSocketRecorder to) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		for (int i = 0; System.nanoTime() < deadline; i++) {
			from.broadcaster().sendText("probe " + i);
			String text = to.texts().poll(200, TimeUnit.MILLISECONDS);
			if (text != null && text.startsWith("probe")) {
				return;
			}
			if (text != null) {
				this.setAside.computeIfAbsent(to, (client) -> new ArrayList<>()).add(text);
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
	List<Received> fence(Instance... instances) throws Exception {
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

	static double meter(Instance instance, String name) {
		return instance.context.getBean(MeterRegistry.class)
			.get("mongoose.broadcast.relay." + name)
			.functionCounter()
			.count();
	}

	static Health health(Instance instance) {
		return instance.context.getBean(BroadcastRelayHealthIndicator.class).health(true);
	}

	static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
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

	final class Instance {

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

		AbstractRedisBroadcastRelay relay() {
			return this.context.getBean(AbstractRedisBroadcastRelay.class);
		}

		private WebSocketRecorder connect(int port, String path) {
			WebSocketRecorder client = WebSocketRecorder.connect(port, path);
			RedisBroadcastRelayApplicationTests.this.clients.add(client);
			return client;
		}

	}

	/** Everything one client received so far, drained from its queues. */
	final class Received {

		private final WebSocketRecorder client;

		private final List<String> texts = new ArrayList<>();

		private final List<byte[]> binaries = new ArrayList<>();

		Received(WebSocketRecorder client) {
			this.client = client;
			this.texts.addAll(RedisBroadcastRelayApplicationTests.this.setAside.getOrDefault(client, List.of()));
			RedisBroadcastRelayApplicationTests.this.setAside.remove(client);
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
