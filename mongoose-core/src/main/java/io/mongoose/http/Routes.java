package io.mongoose.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mongoose.Handler;

/**
 * URI handlers by prefix. The longest registered prefix that starts the path wins,
 * whatever the order of registration; a prefix may be registered once. A prefix
 * registered for whole segments covers only itself and the paths below it: {@code /users}
 * then takes {@code /users/1} but not {@code /usersXYZ}, which goes on to a shorter
 * prefix.
 */
public final class Routes {

	/**
	 * Picks the handler of a request below a prefix (a router's routes), or {@code null}
	 * for none; called once per request, when its head is parsed.
	 */
	@FunctionalInterface
	public interface Resolver {

		Handler resolve(HttpConnection connection);

	}

	private record Route(String prefix, Handler handler, Resolver resolver, boolean wholeSegments) {

		boolean covers(String path) {
			if (!path.startsWith(this.prefix)) {
				return false;
			}
			int end = this.prefix.length();
			return !this.wholeSegments || end == path.length() || this.prefix.charAt(end - 1) == '/'
					|| path.charAt(end) == '/';
		}

	}

	private Route[] routes = new Route[0];

	public void add(String prefix, Handler handler) {
		add(prefix, handler, null, false);
	}

	/**
	 * Registers {@code handler}, whose requests {@code resolver} resolves when not null;
	 * with {@code wholeSegments} the prefix covers only itself and the paths below it.
	 */
	public void add(String prefix, Handler handler, Resolver resolver, boolean wholeSegments) {
		if (prefix == null || prefix.isEmpty()) {
			throw new IllegalArgumentException("URI prefix must not be empty");
		}
		if (handler == null) {
			throw new IllegalArgumentException("handler must not be null");
		}
		List<Route> list = new ArrayList<>(List.of(this.routes));
		for (Route route : list) {
			if (route.prefix.equals(prefix)) {
				throw new IllegalArgumentException("a handler is already registered for URI prefix '" + prefix + "'");
			}
		}
		list.add(new Route(prefix, handler, resolver, wholeSegments));
		list.sort(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed());
		this.routes = list.toArray(new Route[0]);
	}

	/** The handler of the longest prefix of {@code path}, or {@code null}. */
	public Handler find(String path) {
		Route route = route(path);
		return (route != null) ? route.handler : null;
	}

	/** The handler of the request on {@code c}: {@link #find}, then its resolver. */
	Handler resolve(HttpConnection c) {
		Route route = route(c.request.path);
		if (route == null) {
			return null;
		}
		return (route.resolver == null) ? route.handler : route.resolver.resolve(c);
	}

	/**
	 * The longest registered prefix of {@code path}, or {@code null} (for metrics tags).
	 */
	public String findPrefix(String path) {
		Route route = route(path);
		return (route != null) ? route.prefix : null;
	}

	private Route route(String path) {
		for (Route route : this.routes) {
			if (route.covers(path)) {
				return route;
			}
		}
		return null;
	}

}
