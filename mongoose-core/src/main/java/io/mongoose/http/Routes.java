package io.mongoose.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mongoose.Handler;

/**
 * URI handlers by prefix. The longest registered prefix that starts the path wins,
 * whatever the order of registration; a prefix may be registered once.
 */
public final class Routes {

	private record Route(String prefix, Handler handler) {
	}

	private Route[] routes = new Route[0];

	public void add(String prefix, Handler handler) {
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
		list.add(new Route(prefix, handler));
		list.sort(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed());
		this.routes = list.toArray(new Route[0]);
	}

	/** The handler of the longest prefix of {@code path}, or {@code null}. */
	public Handler find(String path) {
		for (Route route : this.routes) {
			if (path.startsWith(route.prefix)) {
				return route.handler;
			}
		}
		return null;
	}

	/**
	 * The longest registered prefix of {@code path}, or {@code null} (for metrics tags).
	 */
	public String findPrefix(String path) {
		for (Route route : this.routes) {
			if (path.startsWith(route.prefix)) {
				return route.prefix;
			}
		}
		return null;
	}

}
