package io.mongoose.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.mongoose.Server;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseServerLifecycle;

/**
 * The management listener of {@code management.server.port}: a server instance of its own
 * that serves only the Actuator endpoints, started and stopped with the application's
 * server; publishes its port as {@code local.management.port}. Without a separate
 * management port it does nothing.
 *
 * @since 0.1.0
 */
public final class MongooseManagementServer implements SmartLifecycle, DisposableBean {

	private static final String PORT_PROPERTY = "local.management.port";

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

	private final @Nullable MongooseWebServer webServer;

	private final ConfigurableEnvironment environment;

	private volatile boolean running;

	MongooseManagementServer(@Nullable String listeningPort, Duration stopTimeout, ConfigurableEnvironment environment,
			Consumer<Server> initializer) {
		this.webServer = (listeningPort != null) ? new MongooseWebServer(List.of(Server.create(null)), listeningPort,
				POLL_TIMEOUT, stopTimeout, initializer) : null;
		this.environment = environment;
	}

	/**
	 * Return the management server, or {@code null} when the endpoints are served on the
	 * application's port (or not at all).
	 * @return the server
	 */
	public @Nullable MongooseWebServer getWebServer() {
		return this.webServer;
	}

	@Override
	public void start() {
		if (this.webServer != null) {
			this.webServer.start();
			publishPort(this.webServer.getPort());
		}
		this.running = true;
	}

	@SuppressWarnings("unchecked")
	private void publishPort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get("server.ports");
		if (source == null) {
			source = new MapPropertySource("server.ports", new HashMap<>());
			sources.addFirst(source);
		}
		((Map<String, Object>) source.getSource()).put(PORT_PROPERTY, port);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.webServer != null) {
			this.webServer.close();
		}
	}

	@Override
	public void destroy() {
		if (this.webServer != null) {
			this.webServer.close(); // releases a server that never started
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return MongooseServerLifecycle.START_STOP_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
