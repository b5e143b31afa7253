package io.mongoose.boot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.mongoose.boot.MongooseServerStartedEvent;
import io.mongoose.boot.MongooseWebServer;

/**
 * Starts and stops the {@link MongooseWebServer} in the phase Spring Boot uses for its
 * web servers; publishes the bound port as {@code local.server.port} (Boot's name, read
 * by {@code @LocalServerPort}) and {@code local.mongoose.port}, and a
 * {@link MongooseServerStartedEvent}.
 *
 * @since 0.1.0
 */
public final class MongooseServerLifecycle implements SmartLifecycle {

	/**
	 * Phase in which the server starts and stops, as Boot's web servers.
	 */
	public static final int START_STOP_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	static final String PORT_PROPERTY = "local.mongoose.port";

	/** Boot's own name, read by {@code @LocalServerPort}. */
	static final String SERVER_PORT_PROPERTY = "local.server.port";

	private static final String PROPERTY_SOURCE_NAME = "server.ports";

	private final MongooseWebServer webServer;

	private final ConfigurableEnvironment environment;

	private final ApplicationEventPublisher eventPublisher;

	private volatile boolean running;

	MongooseServerLifecycle(MongooseWebServer webServer, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher) {
		this.webServer = webServer;
		this.environment = environment;
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void start() {
		this.webServer.start();
		this.running = true;
		publishPort(this.webServer.getPort());
		this.eventPublisher.publishEvent(new MongooseServerStartedEvent(this.webServer));
	}

	@SuppressWarnings("unchecked")
	private void publishPort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source == null) {
			source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
			sources.addFirst(source);
		}
		Map<String, Object> ports = (Map<String, Object>) source.getSource();
		ports.put(PORT_PROPERTY, port);
		ports.put(SERVER_PORT_PROPERTY, port);
	}

	@Override
	public void stop() {
		this.running = false;
		this.webServer.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return START_STOP_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
