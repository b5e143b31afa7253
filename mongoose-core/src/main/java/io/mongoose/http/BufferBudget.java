package io.mongoose.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one server may hold in buffered request bodies and WebSocket messages, across
 * all its connections ({@code max_buffered_bytes}). A connection charges a buffer before
 * it grows it and gives the charge back once the body or message is consumed or the
 * connection closes, so many clients that each stay within {@code max_body_size} or
 * {@code websocket_max_message_size} still cannot exhaust the heap: the one whose charge
 * does not fit is refused instead of the server.
 */
public final class BufferBudget {

	private final AtomicLong used = new AtomicLong();

	/** Set from {@code max_buffered_bytes}, whose default the server applies first. */
	private volatile long limit;

	public void setLimit(long limit) {
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

	/** Bytes charged now. */
	public long used() {
		return this.used.get();
	}

	/**
	 * Charges {@code bytes} if they fit under the limit; false (and nothing charged) if
	 * not.
	 */
	public boolean tryCharge(long bytes) {
		long max = this.limit;
		while (true) {
			long current = this.used.get();
			if (current + bytes > max) {
				return false;
			}
			if (this.used.compareAndSet(current, current + bytes)) {
				return true;
			}
		}
	}

	public void release(long bytes) {
		if (bytes > 0) {
			this.used.addAndGet(-bytes);
		}
	}

}
