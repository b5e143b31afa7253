/**
 * Auto-configuration of the cluster-wide broadcast relay ({@code mongoose.broadcast.*}).
 */
@NullMarked
package io.mongoose.boot.autoconfigure.relay;

import org.jspecify.annotations.NullMarked;
