package io.mongoose.boot.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
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

	ActuatorEndpoints(String basePath, Supplier<Collection<ExposableWebEndpoint>> endpoints) {
		this.basePath = basePath;
		this.endpoints = SingletonSupplier.of(endpoints);
		this.routes = SingletonSupplier.of(() -> {
			List<EndpointRoute> all = new ArrayList<>();
			for (ExposableWebEndpoint endpoint : this.endpoints.obtain()) {
				for (WebOperation operation : endpoint.getOperations()) {
					all.add(EndpointRoute.of(operation));
				}
			}
			all.sort(MOST_SPECIFIC_FIRST);
			return List.copyOf(all);
		});
	}

	/**
	 * Return the management base path, for example {@code /actuator}; empty for the root.
	 * @return the base path without a trailing slash
	 */
	String basePath() {
		return this.basePath;
	}

	Collection<ExposableWebEndpoint> endpoints() {
		return this.endpoints.obtain();
	}

	List<EndpointRoute> routes() {
		return this.routes.obtain();
	}

}
