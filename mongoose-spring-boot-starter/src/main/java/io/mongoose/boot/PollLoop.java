package io.mongoose.boot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.mongoose.Server;

/**
 * The IO thread of one server: a non-daemon thread of its own name that runs the core's
 * loop ({@link Server#run}) with the starter's poll timeout, samples the server between
 * polls, and drains it on request. The core destroys the server on this thread when the
 * loop ends. A throwable that escapes the server (an {@link Error} the core does not
 * catch) ends the loop: the server is destroyed, the failure logged, and the failure
 * listener decides what becomes of the application.
 */
final class PollLoop implements Runnable {

	private static final Log logger = LogFactory.getLog(PollLoop.class);

	private static final long SAMPLE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Server server;

	private final int pollTimeoutMillis;

	private final Thread thread;

	private final Consumer<Throwable> onFailure;

	private final CompletableFuture<Boolean> drained = new CompletableFuture<>();

	private volatile boolean running = true;

	private volatile boolean drainRequested;

	private volatile int connections;

	private volatile int webSockets;

	private volatile long lastPollNanos = System.nanoTime();

	/** IO thread only: whether the server was told to drain, and the next sample. */
	private boolean draining;

	private long nextSample = System.nanoTime();

	PollLoop(Server server, int pollTimeoutMillis, String threadName, Consumer<Throwable> onFailure) {
		this.server = server;
		this.pollTimeoutMillis = pollTimeoutMillis;
		this.onFailure = onFailure;
		this.thread = new Thread(this, threadName);
		this.thread.setDaemon(false);
	}

	/**
	 * Starts the thread and returns once it polls the server: until then another thread
	 * (a test's {@code DirectClient} right after the context started) could take the
	 * server for its own poll, and this thread's first poll would then fail.
	 */
	void start() {
		CountDownLatch polling = new CountDownLatch(1);
		this.server.execute(polling::countDown); // runs in the first poll, after it
													// claimed the server
		this.thread.start();
		try {
			while (!polling.await(100, TimeUnit.MILLISECONDS) && this.thread.isAlive()) {
				// a thread that died before it polled has reported its failure
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		Throwable failure = null;
		try {
			this.server.run(this.pollTimeoutMillis, this::betweenPolls);
		}
		catch (Throwable ex) {
			if (this.running) {
				failure = ex;
				logger.error("Mongoose IO thread '" + this.thread.getName()
						+ "' died, its server is closed and no longer serves", ex);
			}
			else { // asked to stop: the last poll or the destroy failed, not the loop
				logger.warn("Mongoose IO thread '" + this.thread.getName() + "' failed while stopping", ex);
			}
		}
		finally {
			this.running = false;
			boolean idle = this.connections == 0;
			this.connections = 0;
			this.webSockets = 0;
			this.drained.complete(!this.draining || idle);
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

	/**
	 * On the IO thread before each poll: samples the server, starts a requested drain and
	 * reports it done once no connection is left.
	 * @return whether to keep polling
	 */
	private boolean betweenPolls() {
		long now = System.nanoTime();
		this.lastPollNanos = now;
		if (this.drainRequested && !this.draining) {
			this.server.drain();
			this.draining = true;
		}
		this.connections = this.server.connectionCount();
		if (now - this.nextSample >= 0) {
			this.webSockets = countWebSockets();
			this.nextSample = now + SAMPLE_INTERVAL_NANOS;
		}
		if (this.draining && this.connections == 0) {
			this.drained.complete(true);
		}
		return this.running;
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
		this.drainRequested = true;
		this.server.wakeup();
		// the deadline is kept here, not by the loop: a poll may wait its whole timeout
		return this.drained.completeOnTimeout(false, Math.max(0, deadlineNanos - System.nanoTime()),
				TimeUnit.NANOSECONDS);
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
