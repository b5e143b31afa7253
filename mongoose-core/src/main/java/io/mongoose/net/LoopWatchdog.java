package io.mongoose.net;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that watches every event loop and logs, with the IO thread's stack,
 * when a poll iteration runs too long: the sign of a handler that blocks the loop.
 */
final class LoopWatchdog implements Runnable {

	static final LoopWatchdog INSTANCE = new LoopWatchdog();

	private static final System.Logger log = System.getLogger(LoopWatchdog.class.getName());

	private final Map<EventManager, long[]> watched = new ConcurrentHashMap<>();

	private Thread thread;

	/** Per manager: {threshold nanos, busySince already reported}. */
	synchronized void watch(EventManager manager, long thresholdMillis) {
		if (thresholdMillis <= 0) {
			this.watched.remove(manager);
			return;
		}
		this.watched.put(manager, new long[] { TimeUnit.MILLISECONDS.toNanos(thresholdMillis), 0 });
		if (this.thread == null) {
			this.thread = new Thread(this, "mongoose-watchdog");
			this.thread.setDaemon(true);
			this.thread.start();
		}
	}

	void unwatch(EventManager manager) {
		this.watched.remove(manager);
	}

	@Override
	public void run() {
		while (true) {
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = System.nanoTime();
			this.watched.forEach((manager, state) -> check(manager, state, now));
		}
	}

	private void check(EventManager manager, long[] state, long now) {
		long since = manager.busySinceNanos;
		if (since == 0 || since == state[1] || now - since < state[0]) {
			return;
		}
		state[1] = since;
		Thread owner = manager.owner();
		StackTraceElement[] frames = (owner != null) ? owner.getStackTrace() : new StackTraceElement[0];
		StringBuilder stack = new StringBuilder();
		for (StackTraceElement frame : frames) {
			stack.append("\n\tat ").append(frame);
		}
		String handler = handlerFrame(frames);
		log.log(Level.WARNING, "IO thread '" + ((owner != null) ? owner.getName() : "?")
				+ "' stalled: one poll has run for " + TimeUnit.NANOSECONDS.toMillis(now - since)
				+ " ms; every connection of its server waits. "
				+ ((handler != null) ? "The handler " + handler + " blocks" : "A handler must not block")
				+ ": register it as Handler.blocking(handler) (in Spring Boot: @UriHandler(blocking = true)) to run it "
				+ "on a worker thread." + stack);
	}

	/**
	 * The method of the handler the IO thread is in: the frame that the HTTP layer's
	 * handler call entered, past lambda glue, any adapter of ours and reflection;
	 * {@code null} outside a handler.
	 */
	static String handlerFrame(StackTraceElement[] frames) {
		for (int i = 1; i < frames.length; i++) {
			if (frames[i].getClassName().equals("io.mongoose.http.Dispatcher")
					&& frames[i].getMethodName().equals("call")) {
				for (int k = i - 1; k >= 0; k--) {
					String type = frames[k].getClassName();
					if (!type.contains("$$Lambda") && !type.startsWith("io.mongoose.boot.")
							&& !type.startsWith("java.lang.reflect.") && !type.startsWith("jdk.internal.reflect.")
							&& !type.startsWith("org.springframework.")) {
						return type + "." + frames[k].getMethodName();
					}
				}
				return null;
			}
		}
		return null;
	}

}
