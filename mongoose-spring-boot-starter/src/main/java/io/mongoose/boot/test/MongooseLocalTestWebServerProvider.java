package io.mongoose.boot.test;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.http.server.LocalTestWebServer;
import org.springframework.boot.test.http.server.LocalTestWebServer.Scheme;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import io.mongoose.boot.MongooseWebServer;

/**
 * Lets {@link LocalTestWebServer#obtain(ApplicationContext)} (and the test HTTP clients
 * built on it) find a running Mongoose server; registered in
 * {@code META-INF/spring.factories} and only loaded when {@code spring-boot-test} is on
 * the classpath. {@code LocalTestWebServer} itself needs {@code spring-web}.
 *
 * @since 0.1.0
 */
class MongooseLocalTestWebServerProvider implements LocalTestWebServer.Provider {

	private static final String URI_BUILDER_FACTORY = "org.springframework.web.util.UriBuilderFactory";

	private final ApplicationContext context;

	MongooseLocalTestWebServerProvider(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public @Nullable LocalTestWebServer getLocalTestWebServer() {
		MongooseWebServer webServer = this.context.getBeanProvider(MongooseWebServer.class).getIfAvailable();
		if (webServer == null || webServer.getPort() <= 0) {
			return null;
		}
		if (!ClassUtils.isPresent(URI_BUILDER_FACTORY, getClass().getClassLoader())) {
			// LocalTestWebServer builds its URIs with spring-web: say so instead of a
			// bare
			// NoClassDefFoundError
			throw new IllegalStateException("LocalTestWebServer needs spring-web: add org.springframework:spring-web"
					+ " with test scope (or read the port with @LocalServerPort)");
		}
		return LocalTestWebServer.of(Scheme.HTTP, webServer.getPort());
	}

}
