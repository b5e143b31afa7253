package io.mongoose.boot.autoconfigure;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Decides what the Mongoose server listens on. {@code mongoose.listening-port} (or
 * {@code mongoose.options.listening_port}) is the explicit choice; without it Mongoose is
 * the application's web server and Boot's {@code server.port} and {@code server.address}
 * apply, so {@code --server.port=9999} and {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)} (which sets {@code server.port=0}) work as with Tomcat.
 */
final class ListeningPorts {

	static final int DEFAULT_PORT = 8080;

	private ListeningPorts() {
	}

	/**
	 * Return whether the application names Mongoose's port itself.
	 * @param environment the environment
	 * @return whether {@code mongoose.listening-port} or its raw option is set
	 */
	static boolean isExplicit(Environment environment) {
		Binder binder = Binder.get(environment);
		if (binder.bind("mongoose.listening-port", String.class).isBound()) {
			return true;
		}
		Map<String, String> options = binder.bind("mongoose.options", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		return options.containsKey("listening_port") || options.containsKey("listening-port");
	}

	/**
	 * Return the {@code listening_port} specification to bind.
	 * @param environment the environment
	 * @param explicit the value of the Mongoose properties, used when set
	 * @return the specification, for example {@code 8080} or {@code 127.0.0.1:0}
	 */
	static String resolve(Environment environment, String explicit) {
		if (isExplicit(environment)) {
			return explicit;
		}
		Binder binder = Binder.get(environment);
		int port = serverPort(environment);
		InetAddress address = binder.bind("server.address", InetAddress.class).orElse(null);
		if (address == null) {
			return Integer.toString(port);
		}
		String host = address.getHostAddress();
		return ((address instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + port;
	}

	/**
	 * Return {@code server.port}, 8080 when unset.
	 * @param environment the environment
	 * @return the port
	 */
	static int serverPort(Environment environment) {
		return Binder.get(environment).bind("server.port", Integer.class).orElse(DEFAULT_PORT);
	}

}
