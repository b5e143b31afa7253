package io.mongoose.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Bytes and file regions waiting for the socket, in order. Small writes are packed into
 * pooled buffers; consecutive buffers leave in one gathering write; shared arrays
 * (WebSocket frames) are queued by reference. IO thread only.
 */
final class SendQueue {

	private final ArrayDeque<Object> items = new ArrayDeque<>();

	private final BufferPool pool;

	/** The last item when it is a pooled buffer that still has room (read mode). */
	private ByteBuffer tail;

	/** Bytes of the first item already written when it is a shared array. */
	private int sharedOffset;

	/** Bytes of buffers (not files) written by the last {@link #writeTo} call. */
	long lastBufferBytes;

	/** File regions queued: each holds an open file until it is sent. */
	int files;

	SendQueue(BufferPool pool) {
		this.pool = pool;
	}

	boolean isEmpty() {
		return this.items.isEmpty();
	}

	/** Whether {@link #writeTo} sends everything queued in one (gathering) write. */
	boolean takesOneWrite() {
		if (this.files > 0 || this.items.size() > this.pool.gather().length) {
			return false;
		}
		for (Object item : this.items) {
			if (!(item instanceof ByteBuffer)) {
				return false;
			}
		}
		return true;
	}

	void append(byte[] data, int offset, int length) {
		while (length > 0) {
			if (this.tail == null || this.tail.limit() == this.tail.capacity()) {
				if (length > BufferPool.BUFFER_SIZE && this.tail == null) {
					this.items.addLast(ByteBuffer.wrap(Arrays.copyOfRange(data, offset, offset + length)));
					return;
				}
				this.tail = (this.items.isEmpty() ? this.pool.acquireFor(length) : this.pool.acquire()).limit(0);
				this.items.addLast(this.tail);
			}
			int start = this.tail.limit();
			int n = Math.min(length, this.tail.capacity() - start);
			this.tail.limit(start + n);
			System.arraycopy(data, offset, this.tail.array(), start, n);
			offset += n;
			length -= n;
		}
	}

	/**
	 * Queues bytes that nobody modifies any more (one encoded broadcast frame for
	 * thousands of connections) by reference: no copy, no wrapper and no pooled buffer
	 * while they wait; they are gathered into the pool's staging buffer when the socket
	 * takes them.
	 */
	void appendShared(byte[] data) {
		this.items.addLast(data);
		this.tail = null;
	}

	void append(FileRegion region) {
		this.files++;
		this.items.addLast(region);
		this.tail = null;
	}

	/**
	 * Writes as much as the socket (or the TLS layer in front of it) takes now.
	 * @return bytes written, 0 when the socket is full
	 */
	long writeTo(GatheringByteChannel channel) throws IOException {
		long total = 0;
		this.lastBufferBytes = 0;
		while (!this.items.isEmpty()) {
			Object head = this.items.peekFirst();
			if (head instanceof FileRegion region) {
				total += region.transferTo(channel, this.pool);
				if (!region.isDone()) {
					return total;
				}
				region.release();
				this.items.pollFirst();
				this.files--;
				continue;
			}
			if (head instanceof byte[]) {
				ByteBuffer staged = stageShared();
				int length = staged.remaining();
				long n = channel.write(staged);
				total += n;
				this.lastBufferBytes += n;
				consumeShared(n);
				if (n < length) {
					return total;
				}
				continue;
			}
			ByteBuffer[] gather = this.pool.gather();
			int count = 0;
			for (Object item : this.items) {
				if (!(item instanceof ByteBuffer buffer) || count == gather.length) {
					break;
				}
				gather[count++] = buffer;
			}
			long n = (count == 1) ? channel.write(gather[0]) : channel.write(gather, 0, count);
			total += n;
			this.lastBufferBytes += n;
			for (int i = 0; i < count; i++) {
				ByteBuffer buffer = gather[i];
				gather[i] = null;
				if (buffer.hasRemaining()) {
					return total;
				}
				this.items.pollFirst();
				if (buffer == this.tail) {
					this.tail = null;
				}
				this.pool.release(buffer);
			}
		}
		return total;
	}

	/** Copies the leading shared arrays into the staging buffer, ready to be written. */
	private ByteBuffer stageShared() {
		ByteBuffer staging = this.pool.staging();
		int offset = this.sharedOffset;
		for (Object item : this.items) {
			if (!(item instanceof byte[] data) || !staging.hasRemaining()) {
				break;
			}
			int n = Math.min(data.length - offset, staging.remaining());
			staging.put(data, offset, n);
			offset = 0;
		}
		return staging.flip();
	}

	/** Drops {@code n} written bytes from the leading shared arrays. */
	private void consumeShared(long n) {
		while (n > 0) {
			byte[] data = (byte[]) this.items.peekFirst();
			int rest = data.length - this.sharedOffset;
			if (n < rest) {
				this.sharedOffset += (int) n;
				return;
			}
			this.items.pollFirst();
			this.sharedOffset = 0;
			n -= rest;
		}
	}

	void clear() {
		for (Object item : this.items) {
			if (item instanceof FileRegion region) {
				region.release();
			}
		}
		this.items.clear();
		this.files = 0;
		this.tail = null;
		this.sharedOffset = 0;
	}

}
