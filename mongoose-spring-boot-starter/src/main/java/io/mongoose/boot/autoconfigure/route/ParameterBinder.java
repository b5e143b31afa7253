package io.mongoose.boot.autoconfigure.route;

import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;

/**
 * Produces one argument of a route method from the request; a request it cannot bind is a
 * {@link io.mongoose.boot.route.MongooseException} with a {@code 4xx} status.
 */
@FunctionalInterface
interface ParameterBinder {

	@Nullable Object bind(Connection connection);

}
