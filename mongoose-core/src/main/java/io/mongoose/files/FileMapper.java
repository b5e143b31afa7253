package io.mongoose.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mongoose.Glob;
import io.mongoose.http.UriNormalizer;

/**
 * Maps a request path to a file under {@code document_root} (or an {@code url_rewrites}
 * alias) so that it can never leave it: the path is normalised again (dot segments,
 * backslashes, NUL), resolved, and its real path (symlinks followed) must still be inside
 * the root's real path. Hidden names ({@code .htpasswd} and its editor's lock and
 * temporary files, and {@code hide_files_patterns}) are reported as missing.
 */
public final class FileMapper {

	/** The outcome of a mapping. */
	public enum Status {

		FOUND, NOT_FOUND, FORBIDDEN

	}

	/**
	 * @param path the file as named (inside the root), null unless FOUND or NOT_FOUND
	 * @param attributes its attributes (symlinks followed) when FOUND
	 * @param confinedTo the real directory the file must stay in
	 * @param real when FOUND, the file's path with every symlink below the root resolved
	 */
	public record Target(Status status, Path path, BasicFileAttributes attributes, Path confinedTo, Path real) {

		public boolean isDirectory() {
			return this.attributes != null && this.attributes.isDirectory();
		}

	}

	private static final Target FORBIDDEN = new Target(Status.FORBIDDEN, null, null, null, null);

	private static final long REAL_BASE_TTL_NANOS = 1_000_000_000L;

	private final Path root;

	private final UrlRewrites rewrites;

	private final String hidePattern;

	/** Real paths of the root and alias targets (see {@link #realBase}). */
	private final Map<Path, RealBase> realBases = new ConcurrentHashMap<>();

	/**
	 * @param root the document root (absolute), or null when files are not served
	 * @param hidePattern the {@code hide_files_patterns} glob, or null
	 */
	public FileMapper(Path root, UrlRewrites rewrites, String hidePattern) {
		this.root = root;
		this.rewrites = rewrites;
		this.hidePattern = (hidePattern == null || hidePattern.isEmpty()) ? null : hidePattern;
	}

	/** Maps a decoded request path such as {@code /dir/file.txt}. */
	public Target map(String uri) {
		String clean = UriNormalizer.normalize(uri);
		if (clean == null || !clean.equals(uri) && !clean.equals(uri + "/")) {
			return FORBIDDEN;
		}
		Path base;
		Path path;
		UrlRewrites.Match alias = this.rewrites.map(clean);
		try {
			if (alias != null) {
				base = alias.confinedTo();
				path = alias.path();
			}
			else if (this.root != null) {
				base = this.root;
				String relative = clean.substring(1);
				path = relative.isEmpty() ? base : base.resolve(relative);
			}
			else {
				return new Target(Status.NOT_FOUND, null, null, null, null);
			}
		}
		catch (InvalidPathException ex) {
			return FORBIDDEN;
		}
		if (!path.normalize().startsWith(base) || isHidden(base.relativize(path), clean)) {
			return new Target(Status.NOT_FOUND, null, null, null, null);
		}
		return resolve(path, base);
	}

	/**
	 * Checks a path that lies lexically inside {@code base}: exists, and its real path
	 * too.
	 */
	private Target resolve(Path path, Path base) {
		Path realBase = realBase(base, false);
		if (realBase == null) {
			return new Target(Status.NOT_FOUND, path, null, base, null);
		}
		Target target = withoutSymlinks(path, base, realBase);
		if (target != null) {
			return target;
		}
		target = resolveWithin(path, realBase);
		if (target.status() == Status.FORBIDDEN) {
			// The root may have been re-pointed since (a deploy swapping a symlink):
			// check again.
			Path now = realBase(base, true);
			if (now != null && !now.equals(realBase)) {
				return resolveWithin(path, now);
			}
		}
		return target;
	}

	/**
	 * The usual case, without real paths: one {@code lstat} per segment below the root,
	 * and none is a symlink, so the file lies inside whatever the root names now.
	 * Resolving real paths instead walks every segment of the root as well, a
	 * {@code readlink} each, on every request. Null when a segment is a symlink (or in
	 * doubt): the caller compares real paths.
	 */
	private static Target withoutSymlinks(Path path, Path base, Path realBase) {
		if (path.getFileSystem() != FileSystems.getDefault()) {
			return null;
		}
		BasicFileAttributes attributes = null;
		try {
			for (Path p = path; !p.equals(base); p = p.getParent()) {
				BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				if (a.isSymbolicLink() || p.getParent() == null) {
					return null;
				}
				if (attributes == null) {
					attributes = a;
				}
			}
			if (attributes == null) {
				attributes = Files.readAttributes(base, BasicFileAttributes.class);
			}
		}
		catch (NoSuchFileException ex) {
			return new Target(Status.NOT_FOUND, path, null, realBase, null);
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
		if (!attributes.isRegularFile() && !attributes.isDirectory()) {
			return new Target(Status.FORBIDDEN, null, null, realBase, null); // devices,
																				// pipes,
																				// sockets
		}
		return new Target(Status.FOUND, path, attributes, realBase, path);
	}

	/**
	 * The real path of the root or an alias target, resolved at most once a second: it is
	 * only reported as {@code confinedTo}, the check above does not depend on it.
	 */
	private Path realBase(Path base, boolean now) {
		RealBase known = this.realBases.get(base);
		long time = System.nanoTime();
		if (known != null && !now && time - known.resolvedAt() < REAL_BASE_TTL_NANOS) {
			return known.real();
		}
		Path real = realPathOrNull(base);
		if (real == null) {
			this.realBases.remove(base);
			return null;
		}
		this.realBases.put(base, new RealBase(real, time));
		return real;
	}

	/**
	 * Checks a path inside an already resolved real directory (a target's
	 * {@code confinedTo}).
	 */
	static Target resolveWithin(Path path, Path realBase) {
		if (!mayExist(path)) {
			return new Target(Status.NOT_FOUND, path, null, realBase, null);
		}
		try {
			Path real = path.toRealPath();
			if (!real.startsWith(realBase)) {
				return new Target(Status.FORBIDDEN, null, null, realBase, null); // a
																					// symlink
																					// out
																					// of
																					// the
																					// root
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile() && !attributes.isDirectory()) {
				return new Target(Status.FORBIDDEN, null, null, realBase, null); // devices,
																					// pipes,
																					// sockets
			}
			return new Target(Status.FOUND, path, attributes, realBase, real);
		}
		catch (NoSuchFileException ex) {
			return new Target(Status.NOT_FOUND, path, null, realBase, null);
		}
		catch (IOException | SecurityException ex) {
			return new Target(Status.FORBIDDEN, null, null, realBase, null);
		}
	}

	private static Path realPathOrNull(Path base) {
		try {
			return base.toRealPath();
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * A cheap existence check before the real-path resolution: on the default file system
	 * it is one {@code stat} without the exception that a missing file costs through
	 * {@link Files} (the precompressed-sidecar and {@code .htpasswd} probes miss on
	 * almost every request).
	 */
	static boolean mayExist(Path path) {
		return path.getFileSystem() != FileSystems.getDefault() || path.toFile().exists();
	}

	/** {@link Files#isRegularFile} without an exception for a missing file. */
	static boolean isRegularFile(Path path) {
		return mayExist(path) && Files.isRegularFile(path);
	}

	/** Whether a directory entry's bare name must not be listed or served. */
	public boolean isHiddenName(String name) {
		return isPasswordsFile(name) || (this.hidePattern != null && Glob.matches(this.hidePattern, name));
	}

	private boolean isHidden(Path relative, String uri) {
		for (Path segment : relative) {
			if (isHiddenName(segment.toString())) {
				return true;
			}
		}
		return this.hidePattern != null && Glob.matches(this.hidePattern, uri);
	}

	/**
	 * {@code .htpasswd} and the lock and temporary files its editor leaves next to it.
	 */
	static boolean isPasswordsFile(String name) {
		return name.toLowerCase(Locale.ROOT).contains(".htpasswd");
	}

	public Path root() {
		return this.root;
	}

	private record RealBase(Path real, long resolvedAt) {
	}

}
