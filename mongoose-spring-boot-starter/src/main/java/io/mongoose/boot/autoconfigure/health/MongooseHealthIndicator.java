package io.mongoose.boot.autoconfigure.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.mongoose.boot.MongooseWebServer;

/**
 * Health of the Mongoose server: up while the listener is bound and every IO thread
 * polls; details give the port, the IO threads, the open connections and WebSockets.
 *
 * @since 0.1.0
 */
public final class MongooseHealthIndicator extends AbstractHealthIndicator {

	private final MongooseWebServer webServer;

	/**
	 * Creates an indicator for {@code webServer}.
	 * @param webServer the server to report on
	 */
	public MongooseHealthIndicator(MongooseWebServer webServer) {
		super("Mongoose health check failed");
		this.webServer = webServer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = this.webServer.isRunning() && this.webServer.getPort() > 0;
		(up ? builder.up() : builder.down()).withDetail("port", this.webServer.getPort())
			.withDetail("threads", this.webServer.getServers().size())
			.withDetail("loopAlive", this.webServer.isRunning())
			.withDetail("lastPollAgeMillis", this.webServer.getLastPollAge().toMillis())
			.withDetail("connections", this.webServer.getConnectionCount())
			.withDetail("webSockets", this.webServer.getWebSocketCount());
	}

}
