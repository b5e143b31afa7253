package io.mongoose.boot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.mongoose.Server;

/**
 * The IO loop of one server: polls it on its own thread, drains it on request, and
 * destroys it on the same thread when stopped. A throwable that escapes the server (an
 * {@link Error} the core does not catch) ends the loop: it is logged, the server is
 * destroyed and the failure listener decides what becomes of the application.
 */
final class PollLoop implements Runnable {

	private static final Log logger = LogFactory.getLog(PollLoop.class);

	private static final long SAMPLE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final int DRAIN_POLL_MILLIS = 50;

	private final Server server;

	private final int pollTimeoutMillis;

	private final Thread thread;

	private final Consumer<Throwable> onFailure;

	private final CompletableFuture<Boolean> drained = new CompletableFuture<>();

	private volatile boolean running = true;

	private volatile long drainDeadlineNanos;

	private volatile boolean drainRequested;

	private volatile int connections;

	private volatile int webSockets;

	private volatile long lastPollNanos = System.nanoTime();

	PollLoop(Server server, int pollTimeoutMillis, String threadName, Consumer<Throwable> onFailure) {
		this.server = server;
		this.pollTimeoutMillis = pollTimeoutMillis;
		this.onFailure = onFailure;
		this.thread = new Thread(this, threadName);
		this.thread.setDaemon(false);
	}

	void start() {
		this.thread.start();
	}

	@Override
	public void run() {
		boolean draining = false;
		long nextSample = System.nanoTime();
		Throwable failure = null;
		try {
			while (this.running) {
				if (this.drainRequested && !draining) {
					this.server.drain();
					draining = true;
					if (this.server.connectionCount() == 0) {
						this.drained.complete(true);
					}
				}
				this.server
					.poll(draining ? Math.min(DRAIN_POLL_MILLIS, this.pollTimeoutMillis) : this.pollTimeoutMillis);
				long now = System.nanoTime();
				this.lastPollNanos = now;
				this.connections = this.server.connectionCount();
				if (now - nextSample >= 0) {
					this.webSockets = countWebSockets();
					nextSample = now + SAMPLE_INTERVAL_NANOS;
				}
				if (draining && !this.drained.isDone()) {
					if (this.connections == 0) {
						this.drained.complete(true);
					}
					else if (now - this.drainDeadlineNanos >= 0) {
						this.drained.complete(false);
					}
				}
			}
		}
		catch (Throwable ex) {
			failure = ex;
			logger.error("Mongoose IO thread '" + this.thread.getName()
					+ "' died, its server is closed and no longer serves", ex);
		}
		finally {
			this.running = false;
			boolean idle = this.connections == 0;
			try {
				this.server.destroy();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to destroy Mongoose server on '" + this.thread.getName() + "'", ex);
			}
			this.connections = 0;
			this.webSockets = 0;
			this.drained.complete(!draining || idle);
		}
		if (failure != null) {
			try {
				this.onFailure.accept(failure);
			}
			catch (RuntimeException ex) { // for example the context is already closing
				logger.warn("Mongoose IO thread failure listener failed", ex);
			}
		}
	}

	private int countWebSockets() {
		int[] count = new int[1];
		this.server.iterateOverConnections((connection) -> {
			if (connection.isWebSocket()) {
				count[0]++;
			}
		});
		return count[0];
	}

	/**
	 * Asks the loop to drain: stop accepting, finish in-flight requests, close
	 * WebSockets.
	 * @param deadlineNanos {@link System#nanoTime()} after which the drain gives up
	 * @return completes with {@code true} once idle, {@code false} if connections
	 * remained
	 */
	CompletableFuture<Boolean> drain(long deadlineNanos) {
		this.drainDeadlineNanos = deadlineNanos;
		this.drainRequested = true;
		this.server.wakeup();
		return this.drained;
	}

	/**
	 * Stops polling, lets the IO thread destroy the server, and waits for it.
	 * @param timeoutMillis the longest to wait for the IO thread
	 * @return whether the IO thread ended
	 */
	boolean stop(long timeoutMillis) throws InterruptedException {
		this.running = false;
		this.server.wakeup();
		this.thread.join(Math.max(1, timeoutMillis));
		return !this.thread.isAlive();
	}

	boolean isAlive() {
		return this.running && this.thread.isAlive();
	}

	Server server() {
		return this.server;
	}

	String threadName() {
		return this.thread.getName();
	}

	int connections() {
		return this.connections;
	}

	int webSockets() {
		return this.webSockets;
	}

	long nanosSinceLastPoll() {
		return System.nanoTime() - this.lastPollNanos;
	}

}
