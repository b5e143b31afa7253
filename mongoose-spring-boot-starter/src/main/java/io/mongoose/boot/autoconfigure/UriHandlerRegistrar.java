package io.mongoose.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import io.mongoose.Handler;
import io.mongoose.Router;
import io.mongoose.Server;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.autoconfigure.route.RouteHandlers;

/**
 * Finds the {@link UriHandler @UriHandler} beans and registers them as path handlers
 * ({@link Server#addPathHandler}: {@code "/users"} serves {@code /users} and
 * {@code /users/...}, never {@code /usersXYZ}); fails on a bean that is not a
 * {@link Handler}, on two beans sharing a prefix, and on a prefix holding a template
 * ({@code {}), which belongs in a {@link Router}'s routes. A bean with {@code blocking =
 * true} is registered as {@link Handler#blocking(Handler)}. Beans are looked up when the
 * server starts, so handlers may depend on any other bean. A bean with route methods
 * ({@code @Get}, {@code @Post}, ...) is registered as the {@link Router} that {@link
 * RouteHandlers} builds from them.
 *
 * @since 0.1.0
 */
public final class UriHandlerRegistrar {

	private static final Log logger = LogFactory.getLog(UriHandlerRegistrar.class);

	private final ListableBeanFactory beanFactory;

	private final RouteHandlers routeHandlers;

	private volatile @Nullable Map<String, Route> routes;

	UriHandlerRegistrar(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.routeHandlers = new RouteHandlers(beanFactory);
	}

	/**
	 * Return the route table: URI prefix to handler bean name, sorted by prefix.
	 * @return the routes
	 */
	public Map<String, String> getRoutes() {
		Map<String, String> table = new TreeMap<>();
		routes().forEach((prefix, route) -> table.put(prefix, route.beanName()));
		return Collections.unmodifiableMap(table);
	}

	/**
	 * Return what is registered on each server, sorted by prefix.
	 * @return the registrations
	 */
	public List<Registration> getRegistrations() {
		return new TreeMap<>(routes()).values()
			.stream()
			.map((route) -> new Registration(route.prefix(), route.beanName(), route.bean().getClass().getName(),
					route.blocking(), (route.target() instanceof Router router) ? router.routes() : List.of()))
			.toList();
	}

	/**
	 * One {@code @UriHandler} bean as registered.
	 *
	 * @param prefix the URI prefix (longest prefix wins)
	 * @param beanName the bean name
	 * @param type the bean's class
	 * @param blocking whether it runs on the worker executor
	 * @param routes the routes below the prefix, as written, when the bean is a
	 * {@link Router} or declares route methods; empty for a plain handler
	 */
	public record Registration(String prefix, String beanName, String type, boolean blocking,
			List<Router.Route> routes) {

		/**
		 * Return the path a route of this registration answers, its template below the
		 * prefix.
		 * @param route one of {@link #routes()}
		 * @return for example {@code /api/messages/{id}}
		 */
		public String pathOf(Router.Route route) {
			String template = route.template();
			if (this.prefix.endsWith("/") && template.startsWith("/")) {
				return this.prefix + template.substring(1);
			}
			return this.prefix + template;
		}

	}

	/**
	 * Return the longest registered prefix that covers {@code uri}: the prefix itself or
	 * a path below it ({@code /users} covers {@code /users/1}, not {@code /usersXYZ}).
	 * @param uri a request URI
	 * @return the prefix, or {@code null} if no handler bean serves the URI
	 */
	public @Nullable String findPrefix(String uri) {
		String best = null;
		for (String prefix : routes().keySet()) {
			if (covers(prefix, uri) && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		return best;
	}

	/**
	 * The error handler of servers without a {@link MongooseErrorHandler} bean: the
	 * errors of annotated routes' paths as problem details.
	 */
	MongooseErrorHandler errorPages() {
		return this.routeHandlers.errorPages((uri) -> {
			String prefix = findPrefix(uri);
			return prefix != null && routes().get(prefix).target() instanceof Router;
		});
	}

	private static boolean covers(String prefix, String uri) {
		return uri.startsWith(prefix)
				&& (uri.length() == prefix.length() || prefix.endsWith("/") || uri.charAt(prefix.length()) == '/');
	}

	void register(Server server) {
		routes().forEach((prefix, route) -> {
			try {
				server.addPathHandler(prefix, route.handler());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("Cannot register @UriHandler bean '" + route.beanName()
						+ "' for URI prefix '" + prefix + "': " + ex.getMessage(), ex);
			}
		});
	}

	private Map<String, Route> routes() {
		Map<String, Route> current = this.routes;
		if (current == null) {
			current = discover();
			this.routes = current;
		}
		return current;
	}

	private Map<String, Route> discover() {
		List<Route> found = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(UriHandler.class)) {
			UriHandler annotation = this.beanFactory.findAnnotationOnBean(beanName, UriHandler.class);
			if (annotation == null) {
				continue;
			}
			Object bean = this.beanFactory.getBean(beanName);
			Router router = this.routeHandlers.routerFor(beanName, bean, annotation.value(), annotation.blocking());
			if (router == null && !(bean instanceof Handler)) {
				throw new IllegalStateException("Bean '" + beanName + "' is annotated with @UriHandler(\""
						+ annotation.value() + "\") but does not implement " + Handler.class.getName()
						+ " nor declare route methods (@Get, @Post, ...)");
			}
			if (!annotation.value().startsWith("/")) {
				throw new IllegalStateException("Bean '" + beanName + "' is annotated with @UriHandler(\""
						+ annotation.value() + "\"): the URI prefix must start with '/'");
			}
			if (annotation.value().indexOf('{') >= 0) {
				throw new IllegalStateException(
						"Bean '" + beanName + "' is annotated with @UriHandler(\"" + annotation.value()
								+ "\"): a URI prefix is matched literally and cannot hold a template;" + " register a "
								+ Router.class.getName() + " at the literal part and put '{...}' in its routes");
			}
			if (bean instanceof Router && annotation.blocking()) {
				throw new IllegalStateException("Bean '" + beanName + "' is a Router annotated with @UriHandler(\""
						+ annotation.value() + "\", blocking = true): mark its routes with Handler.blocking instead");
			}
			found.add((router != null) ? new Route(annotation.value(), beanName, bean, router, false)
					: new Route(annotation.value(), beanName, bean, (Handler) bean, annotation.blocking()));
		}
		found.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.bean(), b.bean()));
		Map<String, Route> table = new LinkedHashMap<>();
		for (Route route : found) {
			Route existing = table.putIfAbsent(route.prefix(), route);
			if (existing != null) {
				throw new IllegalStateException(
						"URI prefix '" + route.prefix() + "' is mapped by two @UriHandler beans: '"
								+ existing.beanName() + "' and '" + route.beanName() + "'");
			}
		}
		if (logger.isDebugEnabled()) {
			StringBuilder message = new StringBuilder("Mongoose routes (" + table.size() + "):");
			new TreeMap<>(table).forEach((prefix, route) -> {
				message.append(String.format("%n  %-30s -> %s (%s)%s", prefix, route.beanName(),
						route.bean().getClass().getName(),
						route.handler().isBlocking() ? " on the worker executor" : ""));
				routeLines(message, route);
			});
			logger.debug(message);
		}
		return Collections.unmodifiableMap(table);
	}

	/** The annotated routes of a bean, below its prefix line. */
	private static void routeLines(StringBuilder message, Route route) {
		if (route.target() instanceof Router router) {
			for (Router.Route each : router.routes()) {
				message
					.append(String.format("%n    %-7s %-30s -> %s%s", each.method(), route.prefix() + each.template(),
							each.handler(), each.handler().isBlocking() ? " on the worker executor" : ""));
			}
		}
	}

	private record Route(String prefix, String beanName, Object bean, Handler target, boolean blocking) {

		Handler handler() {
			return this.blocking ? Handler.blocking(this.target) : this.target;
		}

	}

}
