package io.mongoose.boot.autoconfigure.actuate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebOperationRequestPredicate;

/**
 * One web operation of an Actuator endpoint and the request paths it answers, read from
 * its {@link WebOperationRequestPredicate}: literal segments, {@code {name}} for one
 * segment, {@code {*name}} for all remaining ones.
 *
 * @param endpoint the id of the endpoint the operation belongs to
 * @param operation the operation
 * @param method its HTTP method ({@code GET}, {@code POST} or {@code DELETE})
 * @param segments the path below the base path, split at {@code /}
 * @param remainder the variable that takes the remaining segments, or {@code null}
 */
record EndpointRoute(EndpointId endpoint, WebOperation operation, String method, List<String> segments,
		@Nullable String remainder) {

	static EndpointRoute of(EndpointId endpoint, WebOperation operation) {
		WebOperationRequestPredicate predicate = operation.getRequestPredicate();
		List<String> segments = Arrays.stream(predicate.getPath().split("/")).filter((s) -> !s.isEmpty()).toList();
		String remainder = predicate.getMatchAllRemainingPathSegmentsVariable();
		if (remainder != null) {
			segments = segments.subList(0, segments.size() - 1);
		}
		return new EndpointRoute(endpoint, operation, predicate.getHttpMethod().name(), segments, remainder);
	}

	/**
	 * Matches a request path.
	 * @param path the request path below the base path, split at {@code /}
	 * @return the path variables ({@code String}, or {@code String[]} for the remainder),
	 * or {@code null} if the path is not this operation's
	 */
	@Nullable Map<String, Object> match(List<String> path) {
		if (path.size() < this.segments.size() || (this.remainder == null && path.size() != this.segments.size())) {
			return null;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < this.segments.size(); i++) {
			String segment = this.segments.get(i);
			if (segment.startsWith("{") && segment.endsWith("}")) {
				variables.put(segment.substring(1, segment.length() - 1), path.get(i));
			}
			else if (!segment.equals(path.get(i))) {
				return null;
			}
		}
		if (this.remainder != null) {
			variables.put(this.remainder, path.subList(this.segments.size(), path.size()).toArray(String[]::new));
		}
		return variables;
	}

	/**
	 * Return the route as Boot writes it, for the logs and {@code /actuator/mongoose}.
	 * @return for example {@code GET health/{*path}}
	 */
	String describe() {
		return this.method + " " + this.operation.getRequestPredicate().getPath();
	}

}
