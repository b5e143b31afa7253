/**
 * Spring-facing API of the Mongoose starter: handler stereotypes, customizers, the
 * running server, the broadcaster and events.
 */
@NullMarked
package io.mongoose.boot;

import org.jspecify.annotations.NullMarked;
