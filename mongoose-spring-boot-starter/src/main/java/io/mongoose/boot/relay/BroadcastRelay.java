package io.mongoose.boot.relay;

import java.util.function.Consumer;

/**
 * Carries broadcasts between the instances of an application, so that a message sent by
 * the {@link io.mongoose.boot.ConnectionBroadcaster} of one instance reaches the
 * WebSockets connected to every instance. The broadcaster delivers to its own connections
 * first, then hands the message to {@link #publish}; a relay delivers what other
 * instances published to its {@link #setReceiver receiver} and never what this instance
 * published.
 *
 * @since 0.1.0
 * @see RedisBroadcastRelay
 */
public interface BroadcastRelay {

	/**
	 * Hands a broadcast, already delivered on this instance, to the other instances.
	 * Called from any thread, the IO threads included: must not block. A relay that
	 * cannot publish drops the message and counts the failure; local delivery is not
	 * affected.
	 * @param broadcast the broadcast
	 */
	void publish(RelayedBroadcast broadcast);

	/**
	 * Sets where broadcasts published by other instances go. Called once, before the
	 * relay starts; the receiver queues the message on the IO threads and does not block.
	 * @param receiver the receiver
	 */
	void setReceiver(Consumer<RelayedBroadcast> receiver);

}
