package io.mongoose.boot.autoconfigure;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Refuses to start Mongoose on the port a servlet or reactive web server (Tomcat, Jetty,
 * Netty) of the same application is about to bind: the second would fail with a bare
 * "port in use", or, with port 0, two servers would claim {@code local.server.port}.
 */
final class OtherWebServerCheck {

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private static final String SERVLET_CONTEXT = "org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext";

	private OtherWebServerCheck() {
	}

	/**
	 * Checks that the context runs no other web server on Mongoose's port.
	 * @param context the application context
	 * @param environment its environment
	 * @param listeningPort what Mongoose will listen on
	 * @throws MongooseWebServerConflictException if both would use the same port
	 */
	static void check(ApplicationContext context, Environment environment, String listeningPort) {
		if (!isInstance(WEB_SERVER_CONTEXT, context)) {
			return;
		}
		int serverPort = ListeningPorts.serverPort(environment);
		if (ListeningPorts.isExplicit(environment)) {
			int port = firstPort(listeningPort);
			if (port != serverPort || port == 0) {
				return;
			}
		}
		String kind = isInstance(SERVLET_CONTEXT, context) ? "servlet" : "reactive";
		throw new MongooseWebServerConflictException(serverPort, kind, context.getClass().getName());
	}

	/**
	 * The port of the first listener of a {@code listening_port} value ({@code 8080},
	 * {@code 127.0.0.1:8443s}, {@code [::1]:80,443s}), or -1; the server checks the value
	 * itself when it binds.
	 */
	static int firstPort(String spec) {
		String first = spec.split(",", 2)[0].trim();
		int colon = first.lastIndexOf(':');
		String port = first.substring(colon + 1).replaceAll("[sr]$", "");
		try {
			return Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean isInstance(String className, Object object) {
		ClassLoader classLoader = object.getClass().getClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return false;
		}
		return ClassUtils.resolveClassName(className, classLoader).isInstance(object);
	}

}
