package io.mongoose.boot.autoconfigure.relay;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

import io.mongoose.boot.relay.RedisBroadcastRelay;

/**
 * Binds the broadcast relay's meters:
 * <ul>
 * <li>{@code mongoose.broadcast.relay.published} (counter): broadcasts published for the
 * other instances;</li>
 * <li>{@code mongoose.broadcast.relay.received} (counter): broadcasts received from other
 * instances and delivered here;</li>
 * <li>{@code mongoose.broadcast.relay.failures} (counter): broadcasts not relayed (Redis
 * unreachable, queue full) and received messages that could not be read.</li>
 * </ul>
 * Each carries the tag {@code channel}.
 *
 * @since 0.1.0
 */
public final class BroadcastRelayMeterBinder implements MeterBinder {

	private final ObjectProvider<RedisBroadcastRelay> relay;

	BroadcastRelayMeterBinder(ObjectProvider<RedisBroadcastRelay> relay) {
		this.relay = relay;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		RedisBroadcastRelay relay = this.relay.getIfUnique();
		if (relay == null) {
			return;
		}
		String channel = relay.getChannel();
		FunctionCounter.builder("mongoose.broadcast.relay.published", relay, RedisBroadcastRelay::getPublishedCount)
			.description("Broadcasts published for the other instances")
			.tag("channel", channel)
			.register(registry);
		FunctionCounter.builder("mongoose.broadcast.relay.received", relay, RedisBroadcastRelay::getReceivedCount)
			.description("Broadcasts received from other instances")
			.tag("channel", channel)
			.register(registry);
		FunctionCounter.builder("mongoose.broadcast.relay.failures", relay, RedisBroadcastRelay::getFailureCount)
			.description("Broadcasts not relayed and relayed messages that could not be read")
			.tag("channel", channel)
			.register(registry);
	}

}
