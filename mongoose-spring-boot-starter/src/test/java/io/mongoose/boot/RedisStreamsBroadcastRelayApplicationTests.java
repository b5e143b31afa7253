package io.mongoose.boot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mongoose.boot.relay.BroadcastEnvelope;
import io.mongoose.boot.relay.RelayedBroadcast;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisBroadcastRelayApplicationTests} with
 * {@code mongoose.broadcast.relay=redis-streams}: the same guarantees, except that a
 * broadcast published while Redis is down reaches the other instance once Redis is back
 * (the stream is at least once, duplicates dropped by message id).
 */
class RedisStreamsBroadcastRelayApplicationTests extends RedisBroadcastRelayApplicationTests {

	@Override
	String relay() {
		return "redis-streams";
	}

	@Override
	long deliveriesOfABroadcastDuringAnOutage() {
		return 1;
	}

	@Override
	void publishRaw(byte[] envelope) throws Exception {
		assertThat(this.redis.command("XADD".getBytes(StandardCharsets.US_ASCII),
				this.channel.getBytes(StandardCharsets.UTF_8), "*".getBytes(StandardCharsets.US_ASCII),
				"id".getBytes(StandardCharsets.US_ASCII), "raw-1".getBytes(StandardCharsets.US_ASCII),
				"envelope".getBytes(StandardCharsets.US_ASCII), envelope))
			.startsWith("$");
	}

	@Test
	void anEntryAppendedTwiceIsDeliveredOnce() throws Exception {
		byte[] envelope = new BroadcastEnvelope("x",
				new RelayedBroadcast(null, RelayedBroadcast.TEXT, "appended twice".getBytes(StandardCharsets.UTF_8)))
			.encode();
		publishRaw(envelope);
		publishRaw(envelope);
		List<Received> all = fence(this.a, this.b);
		assertThat(all.stream().map((r) -> r.count("appended twice"))).containsExactly(1L, 1L, 1L, 1L);
		assertThat(meter(this.a, "duplicates")).isEqualTo(1);
		assertThat(meter(this.b, "duplicates")).isEqualTo(1);
	}

	@Test
	void theStreamIsTrimmedToAboutItsMaximumLength() throws Exception {
		for (int i = 0; i < 300; i++) {
			this.a.broadcaster().sendText("trim " + i).get(5, TimeUnit.SECONDS);
		}
		fence(this.a, this.b);
		// more than 300 entries were appended; MAXLEN ~ 200 trims whole nodes of 100
		assertThat(Long.parseLong(this.redis.command("XLEN", this.channel).substring(1))).isBetween(200L, 300L);
	}

}
