package io.mongoose.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Per-IO-thread pools of heap buffers, in two sizes: large ones for reads and bulk
 * output, small ones for the typical reply. Idle connections give their buffers back, so
 * memory follows the number of busy connections, not the number of open ones. WebSocket
 * frames need none: they wait in send queues by reference and pass through one direct
 * staging buffer.
 */
final class BufferPool {

	static final int BUFFER_SIZE = 16 * 1024;

	static final int SMALL_SIZE = 2 * 1024;

	private static final int MAX_POOLED = 512;

	private static final int MAX_POOLED_SMALL = 1024;

	private static final int STAGING_SIZE = 64 * 1024;

	private ByteBuffer staging;

	/**
	 * The array of one gathering write, shared by the thread's connections (empty between
	 * writes).
	 */
	private final ByteBuffer[] gather = new ByteBuffer[16];

	private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

	private final ArrayDeque<ByteBuffer> freeSmall = new ArrayDeque<>();

	ByteBuffer acquire() {
		ByteBuffer buffer = this.free.pollFirst();
		return (buffer != null) ? buffer.clear() : ByteBuffer.allocate(BUFFER_SIZE);
	}

	/** A buffer for {@code length} bytes of output: small when that is enough. */
	ByteBuffer acquireFor(int length) {
		if (length > SMALL_SIZE) {
			return acquire();
		}
		ByteBuffer buffer = this.freeSmall.pollFirst();
		return (buffer != null) ? buffer.clear() : ByteBuffer.allocate(SMALL_SIZE);
	}

	/**
	 * One direct buffer per IO thread where shared bytes are gathered for a socket write
	 * ({@link SendQueue#appendShared}); the JDK would copy heap bytes into a direct
	 * buffer anyway.
	 */
	ByteBuffer staging() {
		if (this.staging == null) {
			this.staging = ByteBuffer.allocateDirect(STAGING_SIZE);
		}
		return this.staging.clear();
	}

	ByteBuffer[] gather() {
		return this.gather;
	}

	void release(ByteBuffer buffer) {
		if (buffer.capacity() == BUFFER_SIZE && this.free.size() < MAX_POOLED) {
			this.free.addFirst(buffer);
		}
		else if (buffer.capacity() == SMALL_SIZE && this.freeSmall.size() < MAX_POOLED_SMALL) {
			this.freeSmall.addFirst(buffer);
		}
	}

}
