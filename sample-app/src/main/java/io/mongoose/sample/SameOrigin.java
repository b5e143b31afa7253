package io.mongoose.sample;

import java.net.URI;
import java.net.URISyntaxException;

import io.mongoose.Connection;

/**
 * The CSRF check for form posts: a browser names the page that sent a request in
 * {@code Origin} (every current browser on a POST) or else {@code Referer}; the request
 * is allowed if that page has the request's own host and port. A request with neither
 * header is not from a browser, so it carries no victim's session and is allowed.
 */
final class SameOrigin {

	private SameOrigin() {
	}

	static boolean allows(Connection c) {
		String page = c.getHeader("Origin");
		if (page == null) {
			page = c.getHeader("Referer");
		}
		if (page == null) {
			return true;
		}
		String host = c.getHeader("Host");
		try {
			URI from = new URI(page.trim());
			if (from.getHost() == null || host == null) {
				return false; // "null" (sandboxed or file pages) or garbage
			}
			URI self = new URI(from.getScheme() + "://" + host.trim());
			return from.getHost().equalsIgnoreCase(self.getHost()) && port(from) == port(self);
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
