package io.mongoose.ws;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pages may open a WebSocket ({@code websocket_allowed_origins}). A browser lets
 * any site open a WebSocket to any server, with the user's cookies and credentials, and
 * only says which page asked in {@code Origin}: without this check a page elsewhere could
 * talk to the user's socket (cross-site WebSocket hijacking). Pages of the same host and
 * port as the request's {@code Host} are always allowed, and so is a handshake without
 * {@code Origin} (not a browser, so no ambient credentials to abuse).
 */
final class OriginPolicy {

	static final OriginPolicy SAME_ORIGIN = new OriginPolicy(false, Set.of());

	/**
	 * {@code scheme://host[:port]}, nothing after the authority, as browsers send it (RFC
	 * 6454 §6.1).
	 */
	private static final Pattern ORIGIN = Pattern.compile("([a-z][a-z0-9+.-]*)://([^/?#@\\s]+)");

	private final boolean any;

	/** Allowed origins, normalised by {@link #normalise}. */
	private final Set<String> allowed;

	private OriginPolicy(boolean any, Set<String> allowed) {
		this.any = any;
		this.allowed = allowed;
	}

	/**
	 * Parses a comma list of origins, or {@code *} for any.
	 * @throws IllegalArgumentException naming the first entry that is not an origin
	 */
	static OriginPolicy parse(String list) {
		boolean any = false;
		Set<String> allowed = new HashSet<>();
		for (String entry : list.split(",")) {
			String e = entry.trim();
			if (e.equals("*")) {
				any = true;
			}
			else if (!e.isEmpty()) {
				String origin = normalise(e);
				if (origin == null) {
					throw new IllegalArgumentException(
							"'" + e + "' is not * or an origin like https://example.com:8443");
				}
				allowed.add(origin);
			}
		}
		return new OriginPolicy(any, Set.copyOf(allowed));
	}

	/**
	 * Whether a handshake with these {@code Origin} and {@code Host} headers (either may
	 * be null) may proceed.
	 */
	boolean allows(String origin, String host) {
		if (origin == null || this.any) {
			return true;
		}
		String normalised = normalise(origin.trim());
		if (normalised == null) {
			return false; // "null" (sandboxed or file pages) or garbage
		}
		return this.allowed.contains(normalised) || (host != null
				&& normalised.equals(normalise(normalised.substring(0, normalised.indexOf("://") + 3) + host.trim())));
	}

	/**
	 * Lower case, without the scheme's default port, so {@code http://Example.com:80} and
	 * {@code http://example.com} compare equal; {@code null} if not an origin.
	 */
	static String normalise(String origin) {
		Matcher m = ORIGIN.matcher(origin.toLowerCase(Locale.ROOT));
		if (!m.matches()) {
			return null;
		}
		String scheme = m.group(1);
		String authority = m.group(2);
		String defaultPort = switch (scheme) {
			case "http", "ws" -> ":80";
			case "https", "wss" -> ":443";
			default -> null;
		};
		if (defaultPort != null && authority.endsWith(defaultPort)) {
			authority = authority.substring(0, authority.length() - defaultPort.length());
		}
		return scheme + "://" + authority;
	}

}
