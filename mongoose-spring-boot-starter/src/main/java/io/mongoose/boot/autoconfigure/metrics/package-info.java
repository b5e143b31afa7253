/**
 * Micrometer meters for the Mongoose server.
 */
@NullMarked
package io.mongoose.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
