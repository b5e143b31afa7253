package io.mongoose.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.http.HttpConnection;
import io.mongoose.net.NetConnection;

/**
 * A whole file compressed as it is sent (no {@code .gz} sidecar): read a buffer at a time
 * while the send queue is at most half full, each buffer compressed and sent as a chunk
 * by the reply writer, so memory stays bounded whatever the file's size. A long-running
 * handler of the connection ({@link HttpConnection#continueWith}) until the file ends.
 * The compressed body cannot be sent zero-copy; an identity one still is
 * ({@link RangeReply}).
 */
final class CompressedFile implements Handler {

	private static final System.Logger log = System.getLogger(CompressedFile.class.getName());

	private static final int BUFFER_SIZE = 32 * 1024;

	private static final int BUFFERS_PER_CALL = 8;

	private final Path file;

	private final FileChannel channel;

	private final ByteBuffer buffer;

	/** Bytes read that the send queue has not taken yet. */
	private boolean pending;

	private CompressedFile(Path file, FileChannel channel, int bufferSize) {
		this.file = file;
		this.channel = channel;
		this.buffer = ByteBuffer.allocate(bufferSize);
	}

	/**
	 * Sends the head ({@code headers}: the representation's lines) and, unless this is a
	 * {@code HEAD} request, the file's content compressed.
	 */
	static void send(HttpConnection c, Path file, String contentType, StringBuilder headers) {
		// a Range request still gets identity ranges (RangeReply)
		headers.append("Accept-Ranges: bytes\r\n").append("Content-Type: ").append(contentType).append("\r\n");
		if ("HEAD".equals(c.requestMethod())) {
			c.sendStreamedHead(200, headers, contentType);
			return;
		}
		FileChannel channel;
		try {
			channel = SeekableFileChannel.open(file);
		}
		catch (IOException | SecurityException ex) {
			c.sendError(404, null);
			return;
		}
		c.sendStreamedHead(200, headers, contentType);
		// a quarter of the queue, so that a buffer always fits below its half-full mark
		int size = (int) Math.max(1024, Math.min(BUFFER_SIZE, c.net().sendLimit() / 4));
		c.continueWith(new CompressedFile(file, channel, size));
	}

	@Override
	public Result handle(Connection connection) {
		HttpConnection c = (HttpConnection) connection;
		if (c.wsBits() == 1) { // the connection closes
			close();
			return Result.DONE;
		}
		NetConnection net = c.net();
		try {
			// a few buffers per call: compressing is work on the IO thread, others wait
			for (int i = 0; i < BUFFERS_PER_CALL && net.queuedBytes() <= net.sendLimit() / 2; i++) {
				if (!this.pending) {
					this.buffer.clear();
					if (this.channel.read(this.buffer) < 0) {
						close();
						return Result.DONE;
					}
					this.buffer.flip();
					this.pending = true;
				}
				if (c.sendData(this.buffer.array(), 0, this.buffer.limit()) == 0) {
					return c.isClosed() ? done(c) : Result.CALL_AGAIN;
				}
				this.pending = false;
			}
			return Result.CALL_AGAIN;
		}
		catch (IOException ex) {
			log.log(Level.WARNING, () -> c + ": cannot read " + this.file + ": " + ex);
			return done(c);
		}
	}

	/** Ends a body that cannot go on: the connection closes without its last chunk. */
	private Result done(HttpConnection c) {
		close();
		c.cutReplyShort();
		return Result.DONE;
	}

	private void close() {
		try {
			this.channel.close();
		}
		catch (IOException ignored) {
			// read-only
		}
	}

}
