package io.mongoose.boot;

import java.nio.charset.StandardCharsets;

import io.mongoose.boot.relay.RedisShardedBroadcastRelay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisBroadcastRelayApplicationTests} with
 * {@code mongoose.broadcast.relay=redis-sharded} on a real one-node Redis Cluster (every
 * slot assigned, {@code cluster_state:ok}), found through
 * {@code spring.data.redis.cluster.nodes}: the same guarantees as pub/sub, through
 * {@code SPUBLISH} and {@code SSUBSCRIBE}, also across a restart of the cluster.
 */
class RedisShardedBroadcastRelayApplicationTests extends RedisBroadcastRelayApplicationTests {

	@Override
	String relay() {
		return "redis-sharded";
	}

	@Override
	RedisServerProcess startRedis() throws Exception {
		return RedisServerProcess.startCluster();
	}

	@Override
	String[] redisProperties() {
		return new String[] { "spring.data.redis.cluster.nodes=127.0.0.1:" + this.redis.port() };
	}

	@Override
	void publishRaw(byte[] envelope) throws Exception {
		assertThat(this.a.relay()).isInstanceOf(RedisShardedBroadcastRelay.class);
		assertThat(this.redis.command("SPUBLISH".getBytes(StandardCharsets.US_ASCII),
				this.channel.getBytes(StandardCharsets.UTF_8), envelope))
			.as("SPUBLISH reaches the three instances subscribed to the shard channel")
			.isEqualTo(":3");
	}

}
