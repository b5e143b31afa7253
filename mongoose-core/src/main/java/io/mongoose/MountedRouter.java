package io.mongoose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@link Router} registered below a prefix: finds the route of a request. Everything is
 * laid out at registration (the routes grouped by template in their order of precedence,
 * each route's full template); per request only the captures map is made, when the route
 * has captures.
 */
final class MountedRouter {

	/** A route found for a request, or the router's own answer (405, OPTIONS). */
	record Match(Handler handler, String template, RouteTemplate compiled) {
	}

	/** The routes of one template, whatever their captures' names. */
	private record Entry(RouteTemplate shape, String[] methods, Match[] matches) {

		Match find(String method) {
			for (int i = 0; i < this.methods.length; i++) {
				if (this.methods[i].equals(method)) {
					return this.matches[i];
				}
			}
			return method.equals("HEAD") ? find("GET") : null;
		}

	}

	private final String prefix;

	/** Where a path's part below the prefix starts: at its {@code '/'} or the end. */
	private final int from;

	private final Entry[] entries;

	MountedRouter(String prefix, List<Router.Route> routes, List<RouteTemplate> templates) {
		this.prefix = prefix;
		this.from = prefix.endsWith("/") ? prefix.length() - 1 : prefix.length();
		String base = prefix.substring(0, this.from);
		List<Entry> entries = new ArrayList<>();
		int i = 0;
		while (i < routes.size()) {
			int j = i;
			while (j < routes.size() && templates.get(j).sameShape(templates.get(i))) {
				j++;
			}
			String[] methods = new String[j - i];
			Match[] matches = new Match[j - i];
			for (int k = i; k < j; k++) {
				Router.Route route = routes.get(k);
				methods[k - i] = route.method();
				matches[k - i] = new Match(route.handler(), fullTemplate(base, route.template()), templates.get(k));
			}
			entries.add(new Entry(templates.get(i), methods, matches));
			i = j;
		}
		this.entries = entries.toArray(new Entry[0]);
	}

	/** {@code /users} and {@code /{id}/} make {@code /users/{id}}. */
	private static String fullTemplate(String base, String template) {
		String full = base + template;
		return (full.length() > 1 && full.endsWith("/")) ? full.substring(0, full.length() - 1)
				: full.isEmpty() ? "/" : full;
	}

	/**
	 * The route of {@code method} on {@code path} (a routing path: decoded, with encoded
	 * slashes as {@link RouteTemplate#ENCODED_SLASH}); the 405 or OPTIONS answer when
	 * only other methods match; {@code null} when no template matches.
	 */
	Match find(String method, String path) {
		if (!path.startsWith(this.prefix) || (this.from < path.length() && path.charAt(this.from) != '/')) {
			return null; // "/usersXYZ" is not below a router at "/users"
		}
		boolean pathMatched = false;
		for (Entry entry : this.entries) {
			if (entry.shape.matches(path, this.from)) {
				Match match = entry.find(method);
				if (match != null) {
					return match;
				}
				pathMatched = true;
			}
		}
		return pathMatched ? answer(method, allow(path)) : null;
	}

	/** The captures of {@code match} on the path it was found for. */
	Map<String, String> captures(Match match, String path) {
		return (match.compiled == null) ? Map.of() : match.compiled.captures(path, this.from);
	}

	/** The methods the path allows, sorted, with HEAD where GET is, and OPTIONS. */
	private String allow(String path) {
		TreeSet<String> methods = new TreeSet<>();
		methods.add("OPTIONS");
		for (Entry entry : this.entries) {
			if (entry.shape.matches(path, this.from)) {
				for (String method : entry.methods) {
					methods.add(method);
					if (method.equals("GET")) {
						methods.add("HEAD");
					}
				}
			}
		}
		return String.join(", ", methods);
	}

	private static Match answer(String method, String allow) {
		int status = method.equals("OPTIONS") ? 204 : 405;
		return new Match(c -> {
			c.sendStatus(status);
			c.sendHeader("Allow", allow);
			return Handler.Result.DONE;
		}, null, null);
	}

}
