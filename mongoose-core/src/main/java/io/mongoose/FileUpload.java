package io.mongoose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Streams request bodies to files, at most {@code maxBytes} each: a body goes to a
 * temporary file in its target's directory, is forced to disk once complete and then
 * moved over the target in one atomic rename, so the target is either the old file or the
 * whole new one. A body over the limit is {@code 413} (at the head when its
 * {@code Content-Length} says so), and a body that never ends (the client left, a
 * malformed chunk, a timeout) leaves nothing: its temporary file is deleted. The new file
 * gets the permissions of the one it replaces, else {@code rw-r--r--}. <pre>{@code
 * server.addUriHandler("/inbox/", new FileUpload(1L << 30,
 *         c -> inbox.resolve(UploadNames.safe(c.uri())),
 *         (c, file, size) -> {
 *             c.sendReply(201, "text/plain", size + " bytes stored\n");
 *             return Handler.Result.DONE;
 *         }));
 * }</pre>
 * <p>
 * Blocking: every call runs on the server's worker executor (see
 * {@link Server#setWorkerExecutor}). File writes block, and the JDK has no truly
 * asynchronous file IO ({@code AsynchronousFileChannel} runs its writes on a thread pool
 * too, and its {@code force} and the rename would still block), so the bounded worker
 * pool the server already has does them: one piece of at most {@code max_request_size}
 * bytes at a time per upload, while the connection reads the next piece into its buffer.
 * A request without a body gets {@code bodiless} (by default {@code 411}); a {@code PUT}
 * or {@code POST} that declares an empty body ({@code Content-Length: 0}) stores an empty
 * file.
 */
public final class FileUpload implements BodyHandler {

	private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

	/** Where a request's body is stored; called on a worker as the body starts. */
	@FunctionalInterface
	public interface Target {

		/**
		 * @return the file to create or replace; its directory is created if missing
		 * @throws IOException to answer {@code 500}, nothing stored
		 */
		Path file(Connection connection) throws IOException;

	}

	/** Answers the request once its body is stored; called on a worker. */
	@FunctionalInterface
	public interface Stored {

		/**
		 * @param file the target, now holding the body
		 * @param size the body's length in bytes
		 */
		Handler.Result stored(Connection connection, Path file, long size) throws Exception;

	}

	private final long maxBytes;

	private final Target target;

	private final Stored stored;

	private final Handler bodiless;

	public FileUpload(long maxBytes, Target target, Stored stored) {
		this(maxBytes, target, stored, c -> {
			c.sendReply(411, "text/plain; charset=utf-8", "411 Length Required\n");
			return Result.DONE;
		});
	}

	/**
	 * @param bodiless the handler of requests without a body (a {@code GET} of the same
	 * URI)
	 */
	public FileUpload(long maxBytes, Target target, Stored stored, Handler bodiless) {
		if (maxBytes < 0 || target == null || stored == null || bodiless == null) {
			throw new IllegalArgumentException("maxBytes must not be negative, the others not null");
		}
		this.maxBytes = maxBytes;
		this.target = target;
		this.stored = stored;
		this.bodiless = bodiless;
	}

	@Override
	public long maxBodySize() {
		return this.maxBytes;
	}

	@Override
	public boolean isBlocking() {
		return true;
	}

	@Override
	public Result handle(Connection c) throws Exception {
		boolean store = c.requestMethod().equals("PUT") || c.requestMethod().equals("POST");
		if (!store || c.getHeader("Content-Length") == null) {
			return this.bodiless.handle(c);
		}
		Upload upload = open(c);
		return upload.store(c, this.stored);
	}

	@Override
	public boolean onBodyChunk(BodyStream body, ByteBuffer data) throws IOException {
		Upload upload = (Upload) body.attachment();
		if (upload == null) {
			upload = open(body.connection());
			body.attach(upload);
		}
		upload.write(data);
		return true;
	}

	@Override
	public Result onBodyEnd(BodyStream body) throws Exception {
		Upload upload = (Upload) body.attachment();
		if (upload == null) { // an empty chunked body
			upload = open(body.connection());
		}
		body.attach(null); // stored, or deleted if that fails: nothing left to abort
		return upload.store(body.connection(), this.stored);
	}

	@Override
	public void onBodyAborted(BodyStream body) {
		Upload upload = (Upload) body.attachment();
		if (upload != null) {
			upload.delete();
		}
	}

	private Upload open(Connection c) throws IOException {
		Path file = this.target.file(c).toAbsolutePath();
		Path dir = Files.createDirectories(file.getParent());
		Path temp = Files.createTempFile(dir, ".mg-upload-", ".tmp");
		try {
			return new Upload(file, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
		}
		catch (IOException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
	}

	/** One body on its way to disk. */
	private static final class Upload {

		private final Path file;

		private final Path temp;

		private final FileChannel channel;

		private long size;

		Upload(Path file, Path temp, FileChannel channel) {
			this.file = file;
			this.temp = temp;
			this.channel = channel;
		}

		void write(ByteBuffer data) throws IOException {
			this.size += data.remaining();
			while (data.hasRemaining()) {
				this.channel.write(data);
			}
		}

		/** Forces the file to disk and renames it over the target, then answers. */
		Result store(Connection c, Stored stored) throws Exception {
			try {
				this.channel.force(true);
				this.channel.close();
				permissions(this.temp, this.file);
				Files.move(this.temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException | RuntimeException ex) {
				delete();
				throw ex;
			}
			return stored.stored(c, this.file, this.size);
		}

		void delete() {
			try {
				this.channel.close();
				Files.deleteIfExists(this.temp);
			}
			catch (IOException ex) {
				System.getLogger(FileUpload.class.getName())
					.log(System.Logger.Level.WARNING, "cannot delete the partial upload " + this.temp + ": " + ex);
			}
		}

		/** The old file's permissions, or rw-r--r-- (a temporary file has rw-------). */
		private static void permissions(Path temp, Path old) throws IOException {
			PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
			if (view == null) {
				return;
			}
			Set<PosixFilePermission> permissions = NEW_FILE;
			try {
				permissions = Files.getPosixFilePermissions(old);
			}
			catch (IOException ex) {
				// a new file (or an unreadable old one): the default
			}
			view.setPermissions(permissions);
		}

	}

}
