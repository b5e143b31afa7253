package io.mongoose.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * A read-only {@link FileChannel} over a {@link SeekableByteChannel}, for files on a file
 * system that has no file channels of its own (a zip or jar file system): the send queue
 * moves it with {@link #transferTo} like any file, through a small buffer instead of
 * sendfile. Bytes read but not yet taken by the socket stay buffered for the next call.
 * IO thread only.
 */
final class SeekableFileChannel extends FileChannel {

	private static final int BUFFER_SIZE = 16 * 1024;

	private static final Set<StandardOpenOption> READ_ONLY = Set.of(StandardOpenOption.READ);

	private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];

	private final SeekableByteChannel channel;

	private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).limit(0);

	/**
	 * File position of the buffer's first remaining byte; -1 while the buffer is empty.
	 */
	private long bufferPosition = -1;

	private SeekableFileChannel(SeekableByteChannel channel) {
		this.channel = channel;
	}

	/**
	 * Opens {@code file} for reading: a real {@link FileChannel} on the default file
	 * system (zero-copy transfer), an adapter over {@link Files#newByteChannel} on any
	 * other.
	 */
	static FileChannel open(Path file) throws IOException {
		if (file.getFileSystem() == FileSystems.getDefault()) {
			// the Set overload: the varargs one builds a HashSet per call
			return FileChannel.open(file, READ_ONLY, NO_ATTRIBUTES);
		}
		SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
		return (channel instanceof FileChannel fileChannel) ? fileChannel : new SeekableFileChannel(channel);
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		if (position != this.bufferPosition || !this.buffer.hasRemaining()) {
			this.buffer.clear();
			this.channel.position(position);
			int n = this.channel.read(this.buffer.limit((int) Math.min(BUFFER_SIZE, count)));
			this.buffer.flip();
			if (n <= 0) {
				this.bufferPosition = -1;
				return 0;
			}
			this.bufferPosition = position;
		}
		ByteBuffer slice = this.buffer.duplicate();
		slice.limit(slice.position() + (int) Math.min(slice.remaining(), count));
		int written = target.write(slice);
		this.buffer.position(this.buffer.position() + written);
		this.bufferPosition += written;
		return written;
	}

	@Override
	public int read(ByteBuffer dst, long position) throws IOException {
		this.bufferPosition = -1;
		this.channel.position(position);
		return this.channel.read(dst);
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		this.bufferPosition = -1;
		return this.channel.read(dst);
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			int n = read(dsts[i]);
			if (n < 0) {
				return (total == 0) ? -1 : total;
			}
			total += n;
			if (dsts[i].hasRemaining()) {
				break;
			}
		}
		return total;
	}

	@Override
	public long position() throws IOException {
		return this.channel.position();
	}

	@Override
	public FileChannel position(long newPosition) throws IOException {
		this.channel.position(newPosition);
		return this;
	}

	@Override
	public long size() throws IOException {
		return this.channel.size();
	}

	@Override
	public int write(ByteBuffer src) {
		throw new NonWritableChannelException();
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) {
		throw new NonWritableChannelException();
	}

	@Override
	public int write(ByteBuffer src, long position) {
		throw new NonWritableChannelException();
	}

	@Override
	public FileChannel truncate(long size) {
		throw new NonWritableChannelException();
	}

	@Override
	public void force(boolean metaData) {
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long position, long count) {
		throw new NonWritableChannelException();
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long position, long size) {
		throw new UnsupportedOperationException("not a file on the default file system");
	}

	@Override
	public FileLock lock(long position, long size, boolean shared) {
		throw new UnsupportedOperationException("not a file on the default file system");
	}

	@Override
	public FileLock tryLock(long position, long size, boolean shared) {
		throw new UnsupportedOperationException("not a file on the default file system");
	}

	@Override
	protected void implCloseChannel() throws IOException {
		this.channel.close();
	}

}
