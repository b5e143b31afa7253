package io.mongoose.client;

import java.net.URI;

/**
 * Where a request goes: scheme security, host and port, the key of the connection pool.
 * {@code ws} and {@code wss} map onto the origins of {@code http} and {@code https}.
 */
record Origin(boolean secure, String host, int port) {

	static Origin of(URI uri, boolean webSocket) {
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		boolean secure = switch (scheme) {
			case "http", "ws" -> {
				if (webSocket != scheme.equals("ws")) {
					throw new IllegalArgumentException(wrongScheme(uri, webSocket));
				}
				yield false;
			}
			case "https", "wss" -> {
				if (webSocket != scheme.equals("wss")) {
					throw new IllegalArgumentException(wrongScheme(uri, webSocket));
				}
				yield true;
			}
			default -> throw new IllegalArgumentException(wrongScheme(uri, webSocket));
		};
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			throw new IllegalArgumentException("no host in " + uri);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = (uri.getPort() >= 0) ? uri.getPort() : secure ? 443 : 80;
		return new Origin(secure, host, port);
	}

	private static String wrongScheme(URI uri, boolean webSocket) {
		return (webSocket ? "a WebSocket URI is ws:// or wss://, got " : "a request URI is http:// or https://, got ")
				+ uri;
	}

	/** The {@code Host} header's value: the port only when it is not the default. */
	String hostHeader() {
		String name = (this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
		return (this.port == (this.secure ? 443 : 80)) ? name : name + ":" + this.port;
	}

	@Override
	public String toString() {
		return (this.secure ? "https://" : "http://") + hostHeader();
	}

}
