package io.mongoose.boot.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One Actuator endpoint as {@link MongooseActuatorHandler} serves it under
 * {@code <base-path>/<id>}.
 */
interface ActuatorOperation {

	/**
	 * Return the endpoint id, the first path segment after the base path.
	 * @return the id, for example {@code health}
	 */
	String id();

	/**
	 * Reads the endpoint.
	 * @param path the path segments after the id (empty for the endpoint itself)
	 * @param query the query parameters
	 * @return the response, or {@code null} for 404
	 */
	@Nullable Response read(List<String> path, Map<String, List<String>> query);

	/**
	 * A response body with its HTTP status.
	 *
	 * @param status the status
	 * @param body the object written as JSON
	 */
	record Response(int status, Object body) {
	}

}
