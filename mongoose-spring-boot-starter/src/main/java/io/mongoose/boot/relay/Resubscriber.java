package io.mongoose.boot.relay;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Subscribes a pub/sub relay on a thread of its own
 * ({@code mongoose-broadcast-relay-subscriber}), again every {@code interval} until an
 * attempt succeeds, so that neither the start nor a lost subscription waits for Redis.
 */
final class Resubscriber {

	private final ScheduledExecutorService scheduler;

	private final Duration interval;

	private final Runnable attempt;

	private final Consumer<RuntimeException> onFailure;

	/**
	 * Creates the subscriber; nothing runs before {@link #subscribe()}.
	 * @param interval the time between two attempts
	 * @param attempt subscribes, or throws
	 * @param onFailure told of each failed attempt
	 */
	Resubscriber(Duration interval, Runnable attempt, Consumer<RuntimeException> onFailure) {
		this.interval = interval;
		this.attempt = attempt;
		this.onFailure = onFailure;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "mongoose-broadcast-relay-subscriber");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts subscribing now, in the background. */
	void subscribe() {
		try {
			this.scheduler.execute(this::run);
		}
		catch (RejectedExecutionException ex) {
			// stopped
		}
	}

	private void run() {
		try {
			this.attempt.run();
		}
		catch (RuntimeException ex) {
			this.onFailure.accept(ex);
			try {
				this.scheduler.schedule(this::run, this.interval.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException stopped) {
				// stopped meanwhile
			}
		}
	}

	/** Stops trying, waiting at most 2 s for an attempt under way. */
	void stop() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
