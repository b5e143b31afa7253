package io.mongoose.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.mongoose.net.NetConnection;

/**
 * Puts the bytes {@link ReplyWriter} frames on the send queue: a head and its body as one
 * unit, all of it or nothing, from the IO thread or from the worker that runs the
 * request's blocking handler (then as one array, handed to the loop in order). Counts
 * what the request listeners report.
 */
final class ReplyOutput {

	private static final byte[] CRLF = { '\r', '\n' };

	private final NetConnection net;

	private final AsciiBuffer loopScratch;

	/** The worker thread running this request's blocking handler, or {@code null}. */
	volatile Thread worker;

	private AsciiBuffer workerScratch;

	private boolean any;

	private long bytesSent;

	ReplyOutput(NetConnection net, AsciiBuffer loopScratch) {
		this.net = net;
		this.loopScratch = loopScratch;
	}

	/** Queues head + data (+ CRLF) as one unit: all of it or nothing. */
	boolean queue(AsciiBuffer head, byte[] data, int offset, int length, boolean crlf) {
		long total = head.length() + (long) length + (crlf ? 2 : 0);
		if (total == 0) {
			return true;
		}
		if (onWorker()) {
			return queueFromWorker(head, data, offset, length, crlf);
		}
		if (!this.net.tryReserve(total)) {
			return false;
		}
		this.any = true;
		this.net.appendReserved(head.array(), 0, head.length());
		if (length > 0) {
			this.net.appendReserved(data, offset, length);
			this.bytesSent += length;
		}
		if (crlf) {
			this.net.appendReserved(CRLF, 0, 2);
		}
		return true;
	}

	private boolean queueFromWorker(AsciiBuffer head, byte[] data, int offset, int length, boolean crlf) {
		byte[] all = Arrays.copyOf(head.array(), head.length() + length + (crlf ? 2 : 0));
		if (length > 0) {
			System.arraycopy(data, offset, all, head.length(), length);
		}
		if (crlf) {
			System.arraycopy(CRLF, 0, all, all.length - 2, 2);
		}
		if (this.net.write(all) == 0) {
			return false;
		}
		this.any = true;
		this.bytesSent += length;
		return true;
	}

	/**
	 * Queues a whole file behind what is queued (on the loop, in order, from a worker).
	 */
	void file(FileChannel channel, long size) {
		file(channel, 0, size);
	}

	/** {@code size} bytes of the file from {@code position}. */
	void file(FileChannel channel, long position, long size) {
		this.bytesSent += size;
		if (onWorker()) {
			this.net.manager().execute(() -> this.net.sendFile(channel, position, size, true));
		}
		else {
			this.net.sendFile(channel, position, size, true);
		}
	}

	/** A file of the default file system, opened to be sent. */
	static FileChannel open(Path file) {
		try {
			return FileChannel.open(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot send " + file, ex);
		}
	}

	static long size(FileChannel channel, Path file) {
		try {
			return channel.size();
		}
		catch (IOException ex) {
			close(channel);
			throw new UncheckedIOException("cannot send " + file, ex);
		}
	}

	/** A file of another file system (a zip entry has no {@code FileChannel}). */
	static byte[] readAll(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot send " + file, ex);
		}
	}

	static void close(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// read-only
		}
	}

	/** Raw bytes of the handler ({@code Connection.write}); any thread. */
	int raw(byte[] data, int offset, int length) {
		int n = this.net.write(data, offset, length);
		if (n > 0) {
			this.any = true;
		}
		return n;
	}

	/** Closes the connection now, on the loop (a head that did not fit). */
	void closeNow() {
		if (onWorker()) {
			this.net.manager().execute(this.net::closeNow);
		}
		else {
			this.net.closeNow();
		}
	}

	/** Body bytes the caller queues itself (file regions of a static file). */
	void count(long length) {
		this.bytesSent += length;
	}

	/**
	 * Whether the caller is the worker thread that runs this request's blocking handler.
	 */
	boolean onWorker() {
		return this.worker == Thread.currentThread();
	}

	AsciiBuffer scratch() {
		if (!onWorker()) {
			return this.loopScratch;
		}
		if (this.workerScratch == null) {
			this.workerScratch = new AsciiBuffer();
		}
		return this.workerScratch;
	}

	/** Whether any byte of the current reply is queued. */
	boolean any() {
		return this.any;
	}

	long bytesSent() {
		return this.bytesSent;
	}

	void reset() {
		this.any = false;
		this.bytesSent = 0;
	}

}
