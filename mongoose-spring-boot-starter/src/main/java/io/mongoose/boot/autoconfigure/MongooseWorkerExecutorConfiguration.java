package io.mongoose.boot.autoconfigure;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The default {@code mongooseWorkerExecutor}, shared by all server instances: a bounded
 * pool of platform threads, or one virtual thread per task when virtual threads are
 * enabled. Not a default autowire candidate, so it neither is injected as "the" executor
 * of the application nor makes Boot's task executor back off. Stopped after the servers
 * (their lifecycles stop before any bean is destroyed), so graceful shutdown lets running
 * handlers finish.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(name = MongooseWorkerExecutorConfiguration.BEAN_NAME)
class MongooseWorkerExecutorConfiguration {

	static final String BEAN_NAME = "mongooseWorkerExecutor";

	private static final String THREAD_NAME_PREFIX = "mongoose-worker-";

	@Bean(name = BEAN_NAME, defaultCandidate = false, destroyMethod = "shutdown")
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolExecutor mongooseWorkerExecutor(MongooseProperties properties) {
		int threads = properties.getWorker().getThreads();
		AtomicInteger numbers = new AtomicInteger();
		// the default AbortPolicy throws RejectedExecutionException, which the server
		// answers 503
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.getWorker().getQueueCapacity()), (task) -> {
					Thread thread = new Thread(task, THREAD_NAME_PREFIX + numbers.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true); // a quiet application holds no worker threads
		return pool;
	}

	@Bean(name = BEAN_NAME, defaultCandidate = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	SimpleAsyncTaskExecutor mongooseVirtualWorkerExecutor(MongooseProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(THREAD_NAME_PREFIX);
		executor.setVirtualThreads(true);
		// the same admission as the pool: a request beyond it is refused (503), never
		// waited for
		executor.setConcurrencyLimit(properties.getWorker().getThreads() + properties.getWorker().getQueueCapacity());
		executor.setRejectTasksWhenLimitReached(true);
		return executor;
	}

}
