package io.mongoose.boot.autoconfigure;

import io.mongoose.Option;

/**
 * The executor that runs blocking handlers (@UriHandler(blocking = true)), shared by all
 * server instances, bound to {@code mongoose.worker.*}; a bean named
 * 'mongooseWorkerExecutor' replaces it.
 *
 * @since 0.1.0
 */
public class WorkerProperties {

	/**
	 * Threads of the worker pool; by default 2 per core, at least 8. With
	 * spring.threads.virtual.enabled on Java 21+, each task gets a virtual thread and at
	 * most threads + queue-capacity tasks run at once.
	 */
	private int threads = Integer.parseInt(Option.named("worker_threads").defaultValue());

	/**
	 * Blocking requests that may wait for a free worker; one more gets 503 with
	 * Retry-After.
	 */
	private int queueCapacity = 1000;

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

}
