package io.mongoose.boot.autoconfigure.actuate;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Where the endpoints are served, as {@code management.server.port} says: unset or equal
 * to {@code server.port}, on the application's server; another port, on a listener of
 * their own; {@code -1}, not over HTTP.
 */
enum ManagementPort {

	SAME, SEPARATE, DISABLED;

	static ManagementPort of(Environment environment) {
		Binder binder = Binder.get(environment);
		Integer port = binder.bind("management.server.port", Integer.class).orElse(null);
		if (port == null) {
			return SAME;
		}
		if (port < 0) {
			return DISABLED;
		}
		Integer serverPort = binder.bind("server.port", Integer.class).orElse(8080);
		return (port.equals(serverPort) && port != 0) ? SAME : SEPARATE;
	}

	/** The {@code listening_port} of the management listener. */
	static String listeningPort(Environment environment) {
		Binder binder = Binder.get(environment);
		int port = binder.bind("management.server.port", Integer.class).orElse(0);
		InetAddress address = binder.bind("management.server.address", InetAddress.class).orElse(null);
		if (address == null) {
			return Integer.toString(port);
		}
		String host = address.getHostAddress();
		return ((address instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + port;
	}

	/**
	 * The {@code management.server.base-path} that a management listener of its own
	 * serves everything below; ignored on the application's port, as Boot does.
	 */
	static String basePath(Environment environment) {
		String path = Binder.get(environment).bind("management.server.base-path", String.class).orElse("");
		path = path.trim().replaceAll("/+$", "");
		return (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

}
