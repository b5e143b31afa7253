package io.mongoose.boot.autoconfigure;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

import io.mongoose.boot.MongooseWebServer;

/**
 * Drains the {@link MongooseWebServer} before it is stopped: stops accepting, lets
 * in-flight requests finish and closes WebSockets with 1001, bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 *
 * @since 0.1.0
 */
public final class MongooseGracefulShutdownLifecycle implements SmartLifecycle {

	/**
	 * Phase of the graceful shutdown, before
	 * {@link MongooseServerLifecycle#START_STOP_PHASE}.
	 */
	public static final int GRACEFUL_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private final MongooseWebServer webServer;

	private final Duration timeout;

	private volatile boolean running;

	MongooseGracefulShutdownLifecycle(MongooseWebServer webServer, Duration timeout) {
		this.webServer = webServer;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Stop must not be invoked directly");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.webServer.shutDownGracefully(this.timeout, (idle) -> callback.run());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return GRACEFUL_SHUTDOWN_PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
