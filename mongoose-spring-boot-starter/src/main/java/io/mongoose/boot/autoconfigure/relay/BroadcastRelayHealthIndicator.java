package io.mongoose.boot.autoconfigure.relay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.mongoose.boot.relay.AbstractRedisBroadcastRelay;

/**
 * Health of the broadcast relay ({@code broadcastRelay}): {@code UP} while it receives
 * from Redis and Redis answers, {@code UNKNOWN} otherwise. Never {@code DOWN}: an
 * instance without Redis still serves its own clients, so the relay does not fail the
 * application's health, liveness or readiness; the details say where it is.
 *
 * @since 0.1.0
 */
public final class BroadcastRelayHealthIndicator extends AbstractHealthIndicator {

	private final ObjectProvider<AbstractRedisBroadcastRelay> relay;

	BroadcastRelayHealthIndicator(ObjectProvider<AbstractRedisBroadcastRelay> relay) {
		super("Broadcast relay health check failed");
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		AbstractRedisBroadcastRelay relay = this.relay.getIfUnique();
		if (relay == null) {
			builder.unknown().withDetail("relay", "not a Redis relay");
			return;
		}
		boolean up = relay.isRunning() && relay.isReceiving() && relay.isRedisReachable();
		(up ? builder.up() : builder.unknown()).withDetail("relay", relay.getName())
			.withDetail("channel", relay.getChannel())
			.withDetail("instanceId", relay.getInstanceId())
			.withDetail("receiving", relay.isReceiving())
			.withDetail("redisReachable", relay.isRedisReachable())
			.withDetail("published", relay.getPublishedCount())
			.withDetail("received", relay.getReceivedCount())
			.withDetail("dropped", relay.getDroppedCount())
			.withDetail("failures", relay.getFailureCount());
	}

}
