package io.mongoose.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A slice of a file queued for sending. It is moved with {@link FileChannel#transferTo}
 * (sendfile on Linux) only as fast as the socket drains, so a large file never sits in
 * memory.
 */
final class FileRegion {

	private final FileChannel file;

	private long position;

	private long remaining;

	private final boolean closeWhenDone;

	FileRegion(FileChannel file, long position, long count, boolean closeWhenDone) {
		this.file = file;
		this.position = position;
		this.remaining = count;
		this.closeWhenDone = closeWhenDone;
	}

	/**
	 * Moves what the target accepts now; returns the bytes moved. A socket gets the file
	 * with zero-copy transfer; a {@link Transport} (TLS) gets it through a pooled buffer,
	 * one chunk at a time and only while its encoded output has drained.
	 */
	long transferTo(WritableByteChannel target, BufferPool pool) throws IOException {
		if (target instanceof Transport transport) {
			return copyTo(transport, pool);
		}
		long n = this.file.transferTo(this.position, this.remaining, target);
		if (n == 0 && this.position >= this.file.size()) {
			throw new IOException("file shrank while it was being sent");
		}
		this.position += n;
		this.remaining -= n;
		return n;
	}

	private long copyTo(Transport target, BufferPool pool) throws IOException {
		ByteBuffer chunk = pool.acquire();
		long total = 0;
		try {
			while (this.remaining > 0 && !target.hasBufferedOutput()) {
				chunk.clear().limit((int) Math.min(chunk.capacity(), this.remaining));
				int read = this.file.read(chunk, this.position);
				if (read <= 0) {
					throw new IOException("file shrank while it was being sent");
				}
				chunk.flip();
				int n = target.write(chunk);
				this.position += n;
				this.remaining -= n;
				total += n;
				if (n < read) {
					break;
				}
			}
		}
		finally {
			pool.release(chunk);
		}
		return total;
	}

	boolean isDone() {
		return this.remaining == 0;
	}

	void release() {
		if (this.closeWhenDone) {
			try {
				this.file.close();
			}
			catch (IOException ignored) {
				// nothing left to do with a file we only read
			}
		}
	}

}
