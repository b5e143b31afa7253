/**
 * Requests served by Mongoose as Micrometer observations: the observation context and the
 * convention that names and tags them.
 */
@NullMarked
package io.mongoose.boot.observation;

import org.jspecify.annotations.NullMarked;
