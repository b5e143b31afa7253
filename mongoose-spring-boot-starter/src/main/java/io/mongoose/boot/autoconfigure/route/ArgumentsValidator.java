package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Validates a route method's arguments before the call: an {@link InvalidRequest} when
 * they violate their constraints.
 */
@FunctionalInterface
interface ArgumentsValidator {

	void validate(Object bean, Method method, @Nullable Object[] arguments);

}
