package io.mongoose.benchmarks.peers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients of one phase received: per message, how many clients have it, and the
 * time the last of the {@code expected} clients got it.
 */
final class Receipts {

	private final char phase;

	private final int expected;

	private final AtomicIntegerArray counts;

	private final CompletableFuture<?>[] done;

	private final long[] completedAt;

	private final AtomicLong received = new AtomicLong();

	Receipts(char phase, int messages, int expected) {
		this.phase = phase;
		this.expected = expected;
		this.counts = new AtomicIntegerArray(messages);
		this.done = new CompletableFuture<?>[messages];
		this.completedAt = new long[messages];
		for (int i = 0; i < messages; i++) {
			this.done[i] = new CompletableFuture<Void>();
		}
	}

	char phase() {
		return this.phase;
	}

	/** Called by the client's event-loop thread for every message of this phase. */
	void record(int seq) {
		if (seq < 0 || seq >= this.done.length) {
			return;
		}
		this.received.incrementAndGet();
		if (this.counts.incrementAndGet(seq) == this.expected) {
			this.completedAt[seq] = System.nanoTime();
			this.done[seq].complete(null); // publishes completedAt to the waiting thread
		}
	}

	CompletableFuture<?> done(int seq) {
		return this.done[seq];
	}

	CompletableFuture<Void> all(int count) {
		CompletableFuture<?>[] first = new CompletableFuture<?>[count];
		System.arraycopy(this.done, 0, first, 0, count);
		return CompletableFuture.allOf(first);
	}

	/** When the last client got message {@code seq}; valid once {@link #done} is. */
	long completedAt(int seq) {
		return this.completedAt[seq];
	}

	long received() {
		return this.received.get();
	}

	long expectedTotal(int count) {
		return (long) count * this.expected;
	}

}
