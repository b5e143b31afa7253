package io.mongoose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Digest-authentication password files ({@code .htpasswd}, {@code global_auth_file}): one
 * {@code user:realm:HA1} line per user, HA1 = lowercase hex MD5 of
 * {@code user:realm:password}.
 *
 * <p>
 * {@link #modify} is safe against concurrent editors and crashes, which the C
 * {@code mg_modify_passwords_file} was not: editors are serialised by an in-JVM lock plus
 * an OS lock on the sibling file {@code <file>.lock} (other processes), and the new
 * content is written to a uniquely named temporary file in the same directory, forced to
 * disk, and atomically renamed over the original. A reader therefore sees either the old
 * or the new file, and a temporary file left by a crash is never used. The {@code .lock}
 * file is left in place on purpose: deleting it would let two editors lock different
 * inodes.
 */
public final class PasswordsFile {

	private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private PasswordsFile() {
	}

	/** Lowercase hex MD5 of {@code user:realm:password} (UTF-8). */
	public static String ha1(String user, String realm, String password) {
		return md5Hex(user + ":" + realm + ":" + password);
	}

	/** Lowercase hex MD5 of the UTF-8 bytes of {@code s}. */
	public static String md5Hex(String s) {
		try {
			byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
			char[] out = new char[d.length * 2];
			for (int i = 0; i < d.length; i++) {
				out[2 * i] = HEX[(d[i] >> 4) & 0xf];
				out[2 * i + 1] = HEX[d[i] & 0xf];
			}
			return new String(out);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("MD5 is required by every JDK", e);
		}
	}

	/**
	 * Adds or changes the line of {@code user} in {@code realm}, or deletes it when
	 * {@code password} is null or empty. Creates the file if missing; drops malformed
	 * lines and duplicate entries of the same user and realm.
	 * @return true on success; false on an IO error or when user or realm is empty or
	 * contains {@code :}, CR or LF (they would corrupt the file)
	 */
	@SuppressWarnings("try") // the FileLock is held by its try-with-resources, never read
	public static boolean modify(Path file, String realm, String user, String password) {
		if (!validField(user) || !validField(realm)) {
			return false;
		}
		try {
			Path target = canonical(file);
			ReentrantLock jvmLock = LOCKS.computeIfAbsent(target, p -> new ReentrantLock());
			jvmLock.lock();
			try (FileChannel lockChannel = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lockChannel.lock()) {
				rewrite(target, realm, user, password);
				return true;
			}
			finally {
				jvmLock.unlock();
			}
		}
		catch (IOException | UncheckedIOException | SecurityException e) {
			return false;
		}
	}

	/**
	 * The HA1 of {@code user} in {@code realm}: the first matching line; empty if none or
	 * on IO error.
	 */
	public static Optional<String> lookup(Path file, String user, String realm) {
		try {
			for (String line : readLines(file)) {
				String[] f = fields(line);
				if (f != null && f[0].equals(user) && f[1].equals(realm)) {
					return Optional.of(f[2]);
				}
			}
		}
		catch (IOException | UncheckedIOException e) {
			// a missing or unreadable file has no users
		}
		return Optional.empty();
	}

	/** Lines decoded leniently: one bad byte must not hide every user of the file. */
	private static List<String> readLines(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
	}

	private static void rewrite(Path target, String realm, String user, String password) throws IOException {
		List<String> lines;
		try {
			lines = readLines(target);
		}
		catch (NoSuchFileException e) {
			lines = List.of();
		}
		boolean delete = password == null || password.isEmpty();
		boolean written = false;
		StringBuilder out = new StringBuilder();
		for (String line : lines) {
			String[] f = fields(line);
			if (f == null) {
				continue; // malformed: dropped, as in C
			}
			if (f[0].equals(user) && f[1].equals(realm)) {
				if (!delete && !written) {
					out.append(user)
						.append(':')
						.append(realm)
						.append(':')
						.append(ha1(user, realm, password))
						.append('\n');
					written = true;
				}
				continue;
			}
			out.append(line).append('\n');
		}
		if (!delete && !written) {
			out.append(user).append(':').append(realm).append(':').append(ha1(user, realm, password)).append('\n');
		}
		Path dir = target.getParent();
		Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
		try {
			copyPermissions(target, tmp);
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buf = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
				while (buf.hasRemaining()) {
					ch.write(buf);
				}
				ch.force(true);
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			tmp = null;
			forceDirectory(dir);
		}
		finally {
			if (tmp != null) {
				Files.deleteIfExists(tmp);
			}
		}
	}

	/** {@code user, realm, ha1} or null when the line is malformed. */
	private static String[] fields(String line) {
		String[] f = line.split(":", -1);
		if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
			return null;
		}
		return f;
	}

	private static boolean validField(String s) {
		return s != null && !s.isEmpty() && s.indexOf(':') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
	}

	/**
	 * One key per real file, whatever relative path or symlink names it. Following a
	 * symlinked file means the link survives the rename and its target is edited.
	 */
	private static Path canonical(Path file) throws IOException {
		Path abs = file.toAbsolutePath().normalize();
		if (Files.exists(abs)) {
			return abs.toRealPath();
		}
		Path parent = abs.getParent();
		if (parent == null) {
			throw new IOException("Not a file path: " + file);
		}
		return parent.toRealPath().resolve(abs.getFileName());
	}

	/**
	 * Keeps a restrictive mode (e.g. 0640) of an existing file; temp files start as 0600.
	 */
	private static void copyPermissions(Path from, Path to) {
		try {
			PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
			PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
			if (src != null && dst != null && Files.exists(from)) {
				dst.setPermissions(src.readAttributes().permissions());
			}
		}
		catch (IOException | UnsupportedOperationException e) {
			// best effort: the 0600 default is safe
		}
	}

	/** Makes the rename durable where the platform allows syncing a directory. */
	private static void forceDirectory(Path dir) {
		try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (IOException | UnsupportedOperationException e) {
			// not supported on every OS (e.g. Windows); the file itself was forced
		}
	}

}
