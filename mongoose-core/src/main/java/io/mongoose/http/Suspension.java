package io.mongoose.http;

import java.util.concurrent.atomic.AtomicInteger;

import io.mongoose.AsyncReply;
import io.mongoose.Handler;

/**
 * The handle of a suspended request: the first of completion, timeout and close wins (one
 * atomic state), the completion itself runs on the IO thread.
 */
final class Suspension implements AsyncReply {

	private static final int WAITING = 0;

	private static final int COMPLETED = 1;

	private static final int CANCELLED = 2;

	private final HttpConnection connection;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private Runnable onCancel;

	/**
	 * A completion that arrived before the handler that suspended returned (it ran on a
	 * worker); IO thread.
	 */
	Handler early;

	Suspension(HttpConnection connection) {
		this.connection = connection;
	}

	@Override
	public boolean complete(Handler reply) {
		if (reply == null) {
			throw new IllegalArgumentException("reply must not be null");
		}
		if (!this.state.compareAndSet(WAITING, COMPLETED)) {
			return false;
		}
		this.connection.net.manager()
			.execute(() -> this.connection.protocol.dispatcher.resume(this.connection, this, reply));
		return true;
	}

	@Override
	public boolean isCancelled() {
		return this.state.get() == CANCELLED;
	}

	@Override
	public void onCancel(Runnable action) {
		boolean now;
		synchronized (this) {
			now = isCancelled();
			this.onCancel = now ? null : action;
		}
		if (now) {
			action.run();
		}
	}

	/**
	 * Cancels unless completed first; IO thread. @return whether this call cancelled it
	 */
	boolean cancel() {
		if (!this.state.compareAndSet(WAITING, CANCELLED)) {
			return false;
		}
		Runnable action;
		synchronized (this) {
			action = this.onCancel;
			this.onCancel = null;
		}
		if (action != null) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				System.getLogger(Suspension.class.getName())
					.log(System.Logger.Level.WARNING, "onCancel action failed for " + this.connection, ex);
			}
		}
		return true;
	}

}
