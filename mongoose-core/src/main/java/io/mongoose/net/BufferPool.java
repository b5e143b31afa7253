package io.mongoose.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Per-IO-thread pool of fixed-size heap buffers. Idle connections give their buffers back,
 * so memory follows the number of busy connections, not the number of open ones.
 */
final class BufferPool {

	static final int BUFFER_SIZE = 16 * 1024;

	private static final int MAX_POOLED = 512;

	private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

	ByteBuffer acquire() {
		ByteBuffer buffer = this.free.pollFirst();
		return (buffer != null) ? buffer.clear() : ByteBuffer.allocate(BUFFER_SIZE);
	}

	void release(ByteBuffer buffer) {
		if (buffer.capacity() == BUFFER_SIZE && this.free.size() < MAX_POOLED) {
			this.free.addFirst(buffer);
		}
	}

}
