package io.mongoose.boot.autoconfigure.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.BroadcastResult;
import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.relay.BroadcastRelay;
import io.mongoose.boot.relay.RedisBroadcastRelay;
import io.mongoose.boot.relay.RedisShardedBroadcastRelay;
import io.mongoose.boot.relay.RedisStreamsBroadcastRelay;
import io.mongoose.boot.relay.RelayedBroadcast;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongooseBroadcastRelayAutoConfiguration} and the
 * {@link ConnectionBroadcaster}'s use of a {@link BroadcastRelay}. No Redis runs here:
 * the relay only tries to subscribe (to a closed port) while the context is open.
 */
class MongooseBroadcastRelayAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class, DataRedisAutoConfiguration.class,
				MongooseBroadcastRelayAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=1s",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1", "spring.data.redis.timeout=200ms",
				"mongoose.broadcast.startup-timeout=0s");

	@Test
	void relayIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ConnectionBroadcaster.class)
			.doesNotHaveBean(BroadcastRelay.class)
			.doesNotHaveBean(MongooseBroadcastProperties.class));
	}

	@Test
	void relayNoneKeepsBroadcastsLocal() {
		this.contextRunner.withPropertyValues("mongoose.broadcast.relay=none")
			.run((context) -> assertThat(context).doesNotHaveBean(BroadcastRelay.class));
	}

	@Test
	void relayRedisUsesBootsConnectionFactoryAndTheBroadcastProperties() {
		this.contextRunner
			.withPropertyValues("mongoose.broadcast.relay=redis", "mongoose.broadcast.channel=chat-cluster",
					"mongoose.broadcast.instance-id=node-7")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisBroadcastRelay.class).hasSingleBean(ConnectionBroadcaster.class);
				RedisBroadcastRelay relay = context.getBean(RedisBroadcastRelay.class);
				assertThat(relay.getChannel()).isEqualTo("chat-cluster");
				assertThat(relay.getInstanceId()).isEqualTo("node-7");
				assertThat(relay.isRunning()).isTrue();
			});
	}

	@Test
	void relayRedisStreamsUsesAStreamOnTheChannelKey() {
		this.contextRunner
			.withPropertyValues("mongoose.broadcast.relay=redis-streams", "mongoose.broadcast.channel=chat-stream")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStreamsBroadcastRelay.class)
					.doesNotHaveBean(RedisBroadcastRelay.class)
					.hasSingleBean(ConnectionBroadcaster.class);
				RedisStreamsBroadcastRelay relay = context.getBean(RedisStreamsBroadcastRelay.class);
				assertThat(relay.getChannel()).isEqualTo("chat-stream");
				assertThat(relay.getName()).isEqualTo("redis-streams");
				assertThat(relay.isRunning()).isTrue();
			});
	}

	@Test
	void relayRedisShardedUsesLettuceOnTheChannelAsAShardChannel() {
		this.contextRunner
			.withPropertyValues("mongoose.broadcast.relay=redis-sharded", "mongoose.broadcast.channel=chat-shard")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisShardedBroadcastRelay.class)
					.doesNotHaveBean(RedisBroadcastRelay.class)
					.hasSingleBean(ConnectionBroadcaster.class);
				RedisShardedBroadcastRelay relay = context.getBean(RedisShardedBroadcastRelay.class);
				assertThat(relay.getChannel()).isEqualTo("chat-shard");
				assertThat(relay.getName()).isEqualTo("redis-sharded");
				assertThat(relay.isRunning()).isTrue();
				assertThat(relay.isReceiving()).as("nothing answers on port 1").isFalse();
			});
	}

	@Test
	void relayRedisShardedWithoutLettuceFailsStartUp() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.lettuce"))
			.withPropertyValues("mongoose.broadcast.relay=redis-sharded")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mongoose.broadcast.relay=redis-sharded needs Lettuce"));
	}

	@Test
	void instanceIdDefaultsToARandomIdPerContext() {
		this.contextRunner.withPropertyValues("mongoose.broadcast.relay=REDIS").run((first) -> {
			String id = first.getBean(RedisBroadcastRelay.class).getInstanceId();
			assertThat(id).isNotBlank();
			this.contextRunner.withPropertyValues("mongoose.broadcast.relay=redis")
				.run((second) -> assertThat(second.getBean(RedisBroadcastRelay.class).getInstanceId())
					.isNotEqualTo(id));
		});
	}

	@Test
	void localDeliveryIsNotHeldUpByAnUnreachableRedis() {
		this.contextRunner.withPropertyValues("mongoose.broadcast.relay=redis").run((context) -> {
			ConnectionBroadcaster broadcaster = context.getBean(ConnectionBroadcaster.class);
			// completes although Redis never answers: publishing is queued, never awaited
			BroadcastResult result = broadcaster.sendText("hello").get(10, TimeUnit.SECONDS);
			assertThat(result.reached()).isZero();
		});
	}

	@Test
	void relayRedisWithoutSpringDataRedisFailsStartUp() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("mongoose.broadcast.relay=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mongoose.broadcast.relay=redis needs Spring Data Redis"));
	}

	@Test
	void relayMetersAreBoundWhenMicrometerIsPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("mongoose.broadcast.relay=redis", "mongoose.broadcast.channel=c1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("mongoose.broadcast.relay.published")
					.tag("channel", "c1")
					.functionCounter()
					.count()).isZero();
				assertThat(registry.get("mongoose.broadcast.relay.received").functionCounter().count()).isZero();
				assertThat(registry.get("mongoose.broadcast.relay.dropped")
					.tag("relay", "redis")
					.functionCounter()
					.count()).isZero();
				assertThat(registry.get("mongoose.broadcast.relay.duplicates").functionCounter().count()).isZero();
				assertThat(registry.get("mongoose.broadcast.relay.failures").functionCounter()).isNotNull();
			});
	}

	@Test
	void userRelayBeanReceivesAllAndPrefixBroadcastsButNotPredicateOrLocalOnes() {
		RecordingRelay relay = new RecordingRelay();
		this.contextRunner.withBean(BroadcastRelay.class, () -> relay).run((context) -> {
			assertThat(context).doesNotHaveBean(RedisBroadcastRelay.class);
			ConnectionBroadcaster broadcaster = context.getBean(ConnectionBroadcaster.class);
			broadcaster.sendText("all").get(1, TimeUnit.SECONDS);
			broadcaster.under("/ws").under("/ws/chat").sendBinary(new byte[] { 0, -1 }).get(1, TimeUnit.SECONDS);
			broadcaster.under("/ws/chat").under("/ws").sendText("longer prefix kept").get(1, TimeUnit.SECONDS);
			broadcaster.under("/a").under("/b").sendText("disjoint prefixes").get(1, TimeUnit.SECONDS);
			broadcaster.matching((c) -> true).sendText("predicate").get(1, TimeUnit.SECONDS);
			broadcaster.under("/ws").matching((c) -> true).sendText("prefix and predicate").get(1, TimeUnit.SECONDS);
			broadcaster.local().sendText("local").get(1, TimeUnit.SECONDS);
			broadcaster.under("/ws").local().under("/ws/chat").sendText("local prefix").get(1, TimeUnit.SECONDS);
			assertThat(relay.published).containsExactly(
					new RelayedBroadcast(null, RelayedBroadcast.TEXT, "all".getBytes(StandardCharsets.UTF_8)),
					new RelayedBroadcast("/ws/chat", RelayedBroadcast.BINARY, new byte[] { 0, -1 }),
					new RelayedBroadcast("/ws/chat", RelayedBroadcast.TEXT,
							"longer prefix kept".getBytes(StandardCharsets.UTF_8)));
			assertThat(relay.receiver).isNotNull();
			List<RelayedBroadcast> seen = new CopyOnWriteArrayList<>();
			broadcaster.onRelayed(seen::add);
			broadcaster.onRelayed((broadcast) -> {
				throw new IllegalStateException("a failing listener does not stop the others");
			});
			RelayedBroadcast relayed = new RelayedBroadcast("/ws", RelayedBroadcast.TEXT, new byte[] { 'x' });
			relay.receiver.accept(relayed);
			assertThat(relay.published).as("relayed broadcasts are not published again").hasSize(3);
			assertThat(seen).as("listeners see relayed broadcasts, not local ones").containsExactly(relayed);
		});
	}

	static final class RecordingRelay implements BroadcastRelay {

		final List<RelayedBroadcast> published = new CopyOnWriteArrayList<>();

		volatile Consumer<RelayedBroadcast> receiver;

		@Override
		public void publish(RelayedBroadcast broadcast) {
			this.published.add(broadcast);
		}

		@Override
		public void setReceiver(Consumer<RelayedBroadcast> receiver) {
			this.receiver = receiver;
		}

	}

}
