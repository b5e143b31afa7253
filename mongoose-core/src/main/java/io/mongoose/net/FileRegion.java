package io.mongoose.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A slice of a file queued for sending. It is moved with {@link FileChannel#transferTo}
 * (sendfile on Linux) only as fast as the socket drains, so a large file never sits in memory.
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

	/** Moves what the socket accepts now; returns the bytes moved. */
	long transferTo(WritableByteChannel target) throws IOException {
		long n = this.file.transferTo(this.position, this.remaining, target);
		if (n == 0 && this.position >= this.file.size()) {
			throw new IOException("file shrank while it was being sent");
		}
		this.position += n;
		this.remaining -= n;
		return n;
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
