package io.mongoose.ws;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Idle deflaters or inflaters for WebSockets that keep no context: one is held only while
 * a message is (de)compressed, so those connections cost no zlib memory between messages.
 * Safe from any thread; at most {@link #MAX_IDLE} are kept, the rest are ended.
 */
final class ZlibPool<T> {

	static final int MAX_IDLE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	/** Deflaters of messages sent without context. */
	static final ZlibPool<Deflater> DEFLATERS = new ZlibPool<>(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true),
			Deflater::reset, Deflater::end);

	/** Deflaters without back-references, for peers with a window under 15 bits. */
	static final ZlibPool<Deflater> HUFFMAN_DEFLATERS = new ZlibPool<>(() -> {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setStrategy(Deflater.HUFFMAN_ONLY);
		return deflater;
	}, Deflater::reset, Deflater::end);

	/** Inflaters of messages received without context. */
	static final ZlibPool<Inflater> INFLATERS = new ZlibPool<>(() -> new Inflater(true), Inflater::reset,
			Inflater::end);

	private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	private final Supplier<T> create;

	private final Consumer<T> reset;

	private final Consumer<T> end;

	private ZlibPool(Supplier<T> create, Consumer<T> reset, Consumer<T> end) {
		this.create = create;
		this.reset = reset;
		this.end = end;
	}

	T take() {
		T t = this.idle.poll();
		if (t == null) {
			return this.create.get();
		}
		this.idleCount.decrementAndGet();
		return t;
	}

	/** Hands back a taken one, reset; ended instead when enough are idle. */
	void give(T t) {
		this.reset.accept(t);
		if (this.idleCount.incrementAndGet() <= MAX_IDLE) {
			this.idle.offer(t);
		}
		else {
			this.idleCount.decrementAndGet();
			this.end.accept(t);
		}
	}

}
