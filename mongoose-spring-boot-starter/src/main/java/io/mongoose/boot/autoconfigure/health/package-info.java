/**
 * Actuator health integration for the Mongoose server.
 */
@NullMarked
package io.mongoose.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
