package io.mongoose.boot.autoconfigure.relay;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

import io.mongoose.boot.relay.AbstractRedisBroadcastRelay;

/**
 * Binds the broadcast relay's meters:
 * <ul>
 * <li>{@code mongoose.broadcast.relay.published} (counter): broadcasts published for the
 * other instances;</li>
 * <li>{@code mongoose.broadcast.relay.received} (counter): broadcasts received from other
 * instances and delivered here;</li>
 * <li>{@code mongoose.broadcast.relay.dropped} (counter): broadcasts that did not reach
 * the other instances (queue full; with pub/sub also Redis unreachable or too slow);</li>
 * <li>{@code mongoose.broadcast.relay.duplicates} (counter): received entries dropped
 * because they were received before (streams);</li>
 * <li>{@code mongoose.broadcast.relay.failures} (counter): failed Redis commands, Redis
 * found unreachable, received messages that could not be read.</li>
 * </ul>
 * Each carries the tags {@code channel} and {@code relay} ({@code redis} or
 * {@code redis-streams}).
 *
 * @since 0.1.0
 */
public final class BroadcastRelayMeterBinder implements MeterBinder {

	private final ObjectProvider<AbstractRedisBroadcastRelay> relay;

	BroadcastRelayMeterBinder(ObjectProvider<AbstractRedisBroadcastRelay> relay) {
		this.relay = relay;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		AbstractRedisBroadcastRelay relay = this.relay.getIfUnique();
		if (relay == null) {
			return;
		}
		counter(registry, relay, "published", "Broadcasts published for the other instances",
				AbstractRedisBroadcastRelay::getPublishedCount);
		counter(registry, relay, "received", "Broadcasts received from other instances",
				AbstractRedisBroadcastRelay::getReceivedCount);
		counter(registry, relay, "dropped", "Broadcasts that did not reach the other instances",
				AbstractRedisBroadcastRelay::getDroppedCount);
		counter(registry, relay, "duplicates", "Received broadcasts dropped because they were received before",
				AbstractRedisBroadcastRelay::getDuplicateCount);
		counter(registry, relay, "failures", "Failed Redis commands and relayed messages that could not be read",
				AbstractRedisBroadcastRelay::getFailureCount);
	}

	private static void counter(MeterRegistry registry, AbstractRedisBroadcastRelay relay, String name,
			String description, ToDoubleFunction<AbstractRedisBroadcastRelay> count) {
		FunctionCounter.builder("mongoose.broadcast.relay." + name, relay, count)
			.description(description)
			.tag("channel", relay.getChannel())
			.tag("relay", relay.getName())
			.register(registry);
	}

}
