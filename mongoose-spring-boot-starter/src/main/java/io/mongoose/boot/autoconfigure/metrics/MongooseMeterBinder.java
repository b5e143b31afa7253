package io.mongoose.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseWorkers;

/**
 * Binds the Mongoose server's own meters:
 * <ul>
 * <li>{@code mongoose.connections.active} (gauge): open client connections, WebSockets
 * included;</li>
 * <li>{@code mongoose.websocket.sessions} (gauge): open WebSockets, sampled each
 * second;</li>
 * <li>{@code mongoose.threads} (gauge): IO threads polling;</li>
 * <li>{@code mongoose.push.reached} (counter): WebSocket deliveries queued by the
 * {@link ConnectionBroadcaster};</li>
 * <li>{@code mongoose.push.dropped} (counter): broadcaster deliveries skipped or closed
 * because a send queue was full;</li>
 * <li>{@code mongoose.worker.active}, {@code mongoose.worker.queued} (gauges) and
 * {@code mongoose.worker.rejected} (counter): blocking requests running on, waiting for
 * and refused by the worker executor ({@link MongooseWorkers}; the servers' tasks only,
 * also for a user-defined executor).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class MongooseMeterBinder implements MeterBinder {

	private final MongooseWebServer webServer;

	private final ObjectProvider<ConnectionBroadcaster> broadcaster;

	private final ObjectProvider<MongooseWorkers> workers;

	MongooseMeterBinder(MongooseWebServer webServer, ObjectProvider<ConnectionBroadcaster> broadcaster,
			ObjectProvider<MongooseWorkers> workers) {
		this.webServer = webServer;
		this.broadcaster = broadcaster;
		this.workers = workers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MongooseWebServer server = this.webServer;
		Gauge.builder("mongoose.connections.active", server, MongooseWebServer::getConnectionCount)
			.description("Open client connections, WebSockets included")
			.baseUnit("connections")
			.register(registry);
		Gauge.builder("mongoose.websocket.sessions", server, MongooseWebServer::getWebSocketCount)
			.description("Open WebSocket sessions")
			.baseUnit("sessions")
			.register(registry);
		Gauge.builder("mongoose.threads", server, (s) -> s.isRunning() ? s.getServers().size() : 0)
			.description("IO threads polling")
			.baseUnit("threads")
			.register(registry);
		ConnectionBroadcaster push = this.broadcaster.getIfAvailable();
		if (push != null) {
			FunctionCounter.builder("mongoose.push.reached", push, ConnectionBroadcaster::getReachedCount)
				.description("WebSocket deliveries queued by the ConnectionBroadcaster")
				.register(registry);
			FunctionCounter.builder("mongoose.push.dropped", push, ConnectionBroadcaster::getDroppedCount)
				.description("Broadcaster deliveries skipped or closed for a full send queue")
				.register(registry);
		}
		MongooseWorkers workers = this.workers.getIfAvailable();
		if (workers != null) {
			Gauge.builder("mongoose.worker.active", workers, MongooseWorkers::getActive)
				.description("Blocking requests running on a worker")
				.baseUnit("tasks")
				.register(registry);
			Gauge.builder("mongoose.worker.queued", workers, MongooseWorkers::getQueued)
				.description("Blocking requests waiting for a worker")
				.baseUnit("tasks")
				.register(registry);
			FunctionCounter.builder("mongoose.worker.rejected", workers, MongooseWorkers::getRejected)
				.description("Blocking requests refused by the worker executor and answered 503")
				.register(registry);
		}
	}

}
