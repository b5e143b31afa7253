package io.mongoose.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.RequestObserver;

/**
 * Runs blocking handlers ({@link Handler#blocking}) off the IO thread: on the
 * application's executor, or on a bounded pool made on first use, so a server that never
 * offloads starts no thread.
 * <p>
 * While a worker runs a request it owns that connection's request and reply state: the IO
 * thread parses nothing more there and skips its timers (it still reads, up to the
 * receive limit, so a client that leaves is noticed), and the reply helpers accept calls
 * from that worker. Its bytes still reach the socket only through
 * {@code NetConnection.write}, which hands them to the loop in order; its result is
 * handed back the same way, after the bytes, and that wakes the loop at once to finish
 * the request. Nothing is shared but immutable copies and that one queue, so no lock is
 * needed.
 */
final class Workers {

	private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

	private final Dispatcher dispatcher;

	private final HttpSettings settings;

	/**
	 * The application's executor, or {@link #own} once made; {@code null} until needed.
	 */
	private Executor executor;

	private ThreadPoolExecutor own;

	/** Requests handed to a worker whose result the IO thread has not taken back yet. */
	private final AtomicInteger running = new AtomicInteger();

	private final ObserverCalls observers;

	Workers(Dispatcher dispatcher, HttpSettings settings, ObserverCalls observers) {
		this.dispatcher = dispatcher;
		this.settings = settings;
		this.observers = observers;
	}

	/** Uses {@code executor} from now on ({@code null}: the default pool); IO thread. */
	void setExecutor(Executor executor) {
		shutdown();
		this.executor = executor;
	}

	/** Why a refused task was refused, for the log. */
	String refusal() {
		return (this.own != null)
				? "the worker queue is full (worker_queue_limit " + this.settings.workerQueueLimit + ")"
				: "the worker executor refused it";
	}

	int running() {
		return this.running.get();
	}

	/**
	 * Hands the current request of {@code c} to a worker; IO thread.
	 * @return false if the executor refused it (its queue is full): nothing changed
	 */
	boolean submit(HttpConnection c, Handler handler) {
		c.request.detach(); // the worker reads its own copy of the head and body, never
							// the receive buffer
		c.content();
		c.requestState.phase = RequestState.Phase.WORKER;
		this.running.incrementAndGet();
		try {
			executor().execute(() -> run(c, handler));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.running.decrementAndGet();
			c.requestState.phase = RequestState.Phase.HEAD;
			return false;
		}
	}

	/** One call of a streamed body's blocking handler (a piece of the body). */
	@FunctionalInterface
	interface Step {

		boolean run() throws Exception;

	}

	/** What a {@link Step} returned or threw, back on the IO thread. */
	@FunctionalInterface
	interface StepResult {

		void returned(boolean more, Throwable failure);

	}

	/**
	 * Runs {@code step} on a worker, which owns the reply meanwhile (it may answer), then
	 * {@code back} on the IO thread; IO thread.
	 * @return false if the executor refused it: nothing ran
	 */
	boolean step(HttpConnection c, Step step, StepResult back) {
		this.running.incrementAndGet();
		try {
			executor().execute(() -> {
				boolean more = false;
				Throwable failure = null;
				c.reply.out.worker = Thread.currentThread();
				try {
					more = step.run();
					c.reply.flushHead();
				}
				catch (Throwable ex) {
					failure = ex;
				}
				finally {
					c.reply.out.worker = null;
				}
				boolean returned = more;
				Throwable failed = failure;
				c.net.manager().execute(() -> {
					this.running.decrementAndGet();
					back.returned(returned, failed);
				});
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.running.decrementAndGet();
			return false;
		}
	}

	/** Runs {@code task} on a worker; false if the executor refused it. */
	boolean execute(Runnable task) {
		try {
			executor().execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * The last call of a long-running blocking handler whose connection closed; IO
	 * thread.
	 */
	void lastCall(HttpConnection c, Handler handler) {
		try {
			executor().execute(() -> {
				c.reply.out.worker = Thread.currentThread();
				try {
					handler.handle(c);
				}
				catch (Exception ex) {
					System.getLogger(Workers.class.getName())
						.log(System.Logger.Level.WARNING, "long-running handler failed while closing " + c, ex);
				}
				finally {
					c.reply.out.worker = null;
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the queue is full: the handler misses the close notice, its connection is
			// gone anyway
		}
	}

	private void run(HttpConnection c, Handler handler) {
		Result result = Result.DONE;
		Throwable failure = null;
		c.reply.out.worker = Thread.currentThread();
		RequestObserver.Scope scope = this.observers.open(c);
		try {
			result = handler.handle(c);
			c.reply.flushHead();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			ObserverCalls.close(scope);
			c.reply.out.worker = null;
		}
		Result returned = (result != null) ? result : Result.DONE;
		Throwable failed = failure;
		c.net.manager().execute(() -> {
			this.running.decrementAndGet();
			this.dispatcher.returned(c, returned, failed);
		});
	}

	private Executor executor() {
		if (this.executor == null) {
			HttpSettings settings = this.settings;
			int threads = Math.max(1, settings.workerThreads);
			ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
					new ArrayBlockingQueue<>(Math.max(1, settings.workerQueueLimit)), task -> {
						Thread thread = new Thread(task, "mongoose-worker-" + THREAD_NUMBERS.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					});
			pool.allowCoreThreadTimeOut(true); // idle workers end: a quiet server holds
												// no threads
			this.own = pool;
			this.executor = pool;
		}
		return this.executor;
	}

	/**
	 * Stops the default pool once its tasks ran (the application's executor is the
	 * application's).
	 */
	void shutdown() {
		if (this.own != null) {
			this.own.shutdown();
			this.own = null;
			this.executor = null;
		}
	}

}
