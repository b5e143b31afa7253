/**
 * Micrometer Observation of the requests served by Mongoose (metrics and tracing).
 */
@NullMarked
package io.mongoose.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
