/**
 * Cluster-wide broadcast: the {@link io.mongoose.boot.relay.BroadcastRelay} SPI that
 * carries {@link io.mongoose.boot.ConnectionBroadcaster} messages to the other instances
 * of an application, and its Redis pub/sub implementation.
 */
@NullMarked
package io.mongoose.boot.relay;

import org.jspecify.annotations.NullMarked;
