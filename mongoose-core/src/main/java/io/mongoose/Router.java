package io.mongoose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Routes the requests below the prefix it is registered under by method and path
 * template. Example: <pre>{@code
 * server.addUriHandler("/users", Router.builder()
 *     .get("/", conn -> list(conn))
 *     .get("/{id}", conn -> show(conn, conn.pathVariable("id")))
 *     .post("/{id}/avatar", Handler.blocking(conn -> store(conn)))
 *     .get("/{id}/files/{*path}", conn -> file(conn, conn.pathVariable("path")))
 *     .build());
 * }</pre>
 * <p>
 * Templates are relative to the prefix: {@code {name}} captures one segment (decoded; an
 * encoded slash {@code %2F} stays inside it), a trailing {@code {*name}} or {@code **}
 * captures the rest of the path, possibly empty; a trailing slash is ignored. Segment by
 * segment a literal beats a capture, which beats the rest; two templates that match the
 * same paths with the same method are refused by {@link Builder#build()}. The captures
 * are {@link Connection#pathVariable}, the full template {@link Connection#matchedRoute}.
 * <p>
 * {@code HEAD} is served by the {@code GET} route with the body left out; {@code OPTIONS}
 * on a matched path is answered {@code 204} with {@code Allow}; another method on a
 * matched path is {@code 405} with the exact {@code Allow}; a path no template matches
 * goes on as unhandled (files, then {@code 404}). A route registered with
 * {@link Handler#blocking} runs on the worker executor, the others on the IO thread.
 * <p>
 * The server routes when a request's head is parsed, before its body is read, so a router
 * must be registered with {@link Server#addUriHandler} itself: wrapped in another handler
 * it cannot know its prefix and answers {@code 500}.
 */
public final class Router implements Handler {

	private final List<Route> routes;

	/** The routes in their order of precedence. */
	private final List<Route> byPrecedence;

	/** The compiled template of each route of {@link #byPrecedence}. */
	private final List<RouteTemplate> templates;

	private Router(List<Route> routes, List<Route> byPrecedence, List<RouteTemplate> templates) {
		this.routes = routes;
		this.byPrecedence = byPrecedence;
		this.templates = templates;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The routes in the order they were added. */
	public List<Route> routes() {
		return this.routes;
	}

	/** Routing happens when the server resolves the request, before calling a handler. */
	@Override
	public Result handle(Connection connection) {
		throw new IllegalStateException(
				"a Router routes only when registered with Server.addUriHandler itself, not wrapped in another handler");
	}

	/** This router below {@code prefix}: what the server asks per request. */
	MountedRouter mount(String prefix) {
		return new MountedRouter(prefix, this.byPrecedence, this.templates);
	}

	@Override
	public String toString() {
		return "Router" + this.routes;
	}

	/** One route: a method, a template relative to the router's prefix, a handler. */
	public record Route(String method, String template, Handler handler) {

		@Override
		public String toString() {
			return this.method + " " + this.template;
		}

	}

	/** Collects routes; {@link #build()} checks them. */
	public static final class Builder {

		private final List<Route> routes = new ArrayList<>();

		private Builder() {
		}

		public Builder get(String template, Handler handler) {
			return route("GET", template, handler);
		}

		public Builder post(String template, Handler handler) {
			return route("POST", template, handler);
		}

		public Builder put(String template, Handler handler) {
			return route("PUT", template, handler);
		}

		public Builder patch(String template, Handler handler) {
			return route("PATCH", template, handler);
		}

		public Builder delete(String template, Handler handler) {
			return route("DELETE", template, handler);
		}

		/**
		 * A route for any method (a token, compared exactly).
		 * @throws IllegalArgumentException if the method is not a token, or the handler
		 * is null
		 */
		public Builder route(String method, String template, Handler handler) {
			if (method == null || method.isEmpty() || !method.chars().allMatch(Builder::isTokenChar)) {
				throw new IllegalArgumentException("route method '" + method + "' is not an HTTP token");
			}
			if (handler == null) {
				throw new IllegalArgumentException("route " + method + " " + template + " has no handler");
			}
			if (handler instanceof Router) {
				throw new IllegalArgumentException("route " + method + " " + template
						+ ": a Router cannot be a route's handler; register it with its own prefix");
			}
			this.routes.add(new Route(method, template, handler));
			return this;
		}

		/**
		 * Compiles the templates.
		 * @throws IllegalArgumentException for a malformed template, or two routes that
		 * match the same paths with the same method (naming both)
		 */
		public Router build() {
			List<RouteTemplate> compiled = new ArrayList<>();
			for (Route route : this.routes) {
				compiled.add(RouteTemplate.compile(route.template()));
			}
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < this.routes.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparing(compiled::get));
			List<Route> byPrecedence = new ArrayList<>();
			List<RouteTemplate> templates = new ArrayList<>();
			for (int i : order) {
				Route route = this.routes.get(i);
				RouteTemplate template = compiled.get(i);
				for (int j = byPrecedence.size() - 1; j >= 0 && templates.get(j).sameShape(template); j--) {
					if (byPrecedence.get(j).method().equals(route.method())) {
						throw new IllegalArgumentException("routes '" + byPrecedence.get(j) + "' and '" + route
								+ "' match the same paths with the same method");
					}
				}
				byPrecedence.add(route);
				templates.add(template);
			}
			return new Router(List.copyOf(this.routes), List.copyOf(byPrecedence), List.copyOf(templates));
		}

		private static boolean isTokenChar(int ch) {
			return ch > 32 && ch < 127 && "()<>@,;:\\\"/[]?={}".indexOf(ch) < 0;
		}

	}

}
