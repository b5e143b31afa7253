package io.mongoose.boot.relay;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue of a relay and the one thread that drains it
 * ({@code mongoose-broadcast-relay}), which keeps the order of the broadcasts. Every
 * {@code probeInterval} the thread also runs the probe: when idle (for the health) or
 * while Redis counts as unreachable (to resume).
 */
final class RelayPublisher {

	private final BlockingQueue<byte[]> queue;

	private final Thread thread;

	private final Sender sender;

	private final Runnable probe;

	private final BooleanSupplier reachable;

	private final long probeIntervalNanos;

	RelayPublisher(int capacity, Duration probeInterval, Sender sender, Runnable probe, BooleanSupplier reachable) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.probeIntervalNanos = probeInterval.toNanos();
		this.sender = sender;
		this.probe = probe;
		this.reachable = reachable;
		this.thread = new Thread(this::drain, "mongoose-broadcast-relay");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Queues an envelope.
	 * @return {@code false} if the queue is full
	 */
	boolean offer(byte[] envelope) {
		return this.queue.offer(envelope);
	}

	/**
	 * Stops the thread, waiting for it at most 2 s.
	 * @return how many envelopes were still queued
	 */
	int stop() {
		this.thread.interrupt();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(2));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.queue.size();
	}

	private void drain() {
		long nextProbe = System.nanoTime() + this.probeIntervalNanos;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				byte[] envelope = this.queue.poll(Math.max(0, nextProbe - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (envelope != null) {
					this.sender.send(envelope);
				}
				if (System.nanoTime() - nextProbe >= 0) {
					if (envelope == null || !this.reachable.getAsBoolean()) {
						this.probe.run();
					}
					nextProbe = System.nanoTime() + this.probeIntervalNanos;
				}
			}
		}
		catch (InterruptedException ex) {
			// stopping
		}
	}

	/** Publishes one envelope, on the publishing thread. */
	interface Sender {

		void send(byte[] envelope) throws InterruptedException;

	}

}
