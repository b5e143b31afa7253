package io.mongoose.boot.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker executor every server instance hands its blocking handlers to, counting
 * those tasks: it wraps the {@code mongooseWorkerExecutor} bean, whichever executor that
 * is, so the counts cover the tasks of the servers only.
 *
 * @since 0.1.0
 */
public final class MongooseWorkers {

	private final Executor delegate;

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong rejected = new AtomicLong();

	private final Executor counting = this::execute;

	MongooseWorkers(Executor delegate) {
		this.delegate = delegate;
	}

	/**
	 * Return the executor the servers use.
	 * @return the counting executor
	 */
	Executor executor() {
		return this.counting;
	}

	/**
	 * Return the number of blocking requests running on a worker.
	 * @return the active tasks
	 */
	public int getActive() {
		return this.active.get();
	}

	/**
	 * Return the number of blocking requests waiting for a worker.
	 * @return the queued tasks
	 */
	public int getQueued() {
		return this.queued.get();
	}

	/**
	 * Return the number of blocking requests the executor refused (each answered 503).
	 * @return the rejected tasks
	 */
	public long getRejected() {
		return this.rejected.get();
	}

	private void execute(Runnable task) {
		this.queued.incrementAndGet();
		try {
			this.delegate.execute(() -> {
				this.queued.decrementAndGet();
				this.active.incrementAndGet();
				try {
					task.run();
				}
				finally {
					this.active.decrementAndGet();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.queued.decrementAndGet();
			this.rejected.incrementAndGet();
			throw ex;
		}
	}

}
