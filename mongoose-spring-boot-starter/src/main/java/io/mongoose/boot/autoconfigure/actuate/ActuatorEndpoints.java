package io.mongoose.boot.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.util.function.SingletonSupplier;

/**
 * The exposed web endpoints, as Actuator's {@code WebEndpointDiscoverer} finds them
 * (exposure, access and path mapping applied), and their operations as routes. Resolved
 * on first use: the endpoints depend on the server (through its health indicator), so
 * they cannot be resolved while it is built.
 */
final class ActuatorEndpoints {

	/** Exact paths before templates, templates before catch-alls, longer first. */
	private static final Comparator<EndpointRoute> MOST_SPECIFIC_FIRST = Comparator
		.comparing((EndpointRoute route) -> route.remainder() != null)
		.thenComparing((route) -> -route.segments().size());

	private final SingletonSupplier<Collection<ExposableWebEndpoint>> endpoints;

	private final SingletonSupplier<List<EndpointRoute>> routes;

	private final String basePath;

	private final Map<WebServerNamespace, List<String>> additionalPaths;

	ActuatorEndpoints(String basePath, Map<WebServerNamespace, List<String>> additionalPaths,
			Supplier<Collection<ExposableWebEndpoint>> endpoints) {
		this.basePath = basePath;
		this.additionalPaths = Map.copyOf(additionalPaths);
		this.endpoints = SingletonSupplier.of(endpoints);
		this.routes = SingletonSupplier.of(() -> {
			List<EndpointRoute> all = new ArrayList<>();
			for (ExposableWebEndpoint endpoint : this.endpoints.obtain()) {
				for (WebOperation operation : endpoint.getOperations()) {
					all.add(EndpointRoute.of(endpoint.getEndpointId(), operation));
				}
			}
			all.sort(MOST_SPECIFIC_FIRST);
			return List.copyOf(all);
		});
	}

	/**
	 * Return the path the endpoints are served below, for example {@code /actuator}
	 * ({@code management.server.base-path} and {@code management.endpoints.web.base-path}
	 * on a management port of its own); empty for the root.
	 * @return the base path without a trailing slash
	 */
	String basePath() {
		return this.basePath;
	}

	/**
	 * Return the paths where the health groups with an {@code additional-path} are served
	 * on one server.
	 * @param namespace the application's server or the management server
	 * @return the paths, each starting with {@code /}
	 */
	List<String> additionalPaths(WebServerNamespace namespace) {
		return this.additionalPaths.getOrDefault(namespace, List.of());
	}

	Collection<ExposableWebEndpoint> endpoints() {
		return this.endpoints.obtain();
	}

	List<EndpointRoute> routes() {
		return this.routes.obtain();
	}

}
