package io.mongoose.dav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mongoose.BodyHandler;
import io.mongoose.FileUpload;
import io.mongoose.Handler;
import io.mongoose.Option;
import io.mongoose.UrlCodec;
import io.mongoose.files.FileMapper;
import io.mongoose.files.Markup;
import io.mongoose.files.MethodHandler;
import io.mongoose.files.StaticFiles;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.HttpDate;

/**
 * WebDAV class 1 subset of Mongoose 5.1 ({@code c:handle_put}, {@code c:handle_delete},
 * {@code c:handle_mkcol}, {@code c:handle_propfind}) on the document tree. Every request
 * needs digest credentials from {@code dav_auth_file}; without that option they all get
 * 401. Unlike 5.1, the {@code .htpasswd} files protect their trees from DAV as they do
 * from GET.
 * <p>
 * Fixed against 5.1: PUT streams the body to disk as it arrives ({@link FileUpload}: a
 * temporary file in the target directory, forced to disk and renamed over the target), so
 * a failed or interrupted upload never leaves a truncated file and a body of any size up
 * to {@code dav_max_put_size} needs no more memory than a small one; DELETE answers
 * 204/404 (5.1 had the existence check inverted); PROPFIND and the other replies keep the
 * connection alive; paths are confined to the document root like every other request,
 * symlinks included.
 * <p>
 * Writing a file the server would run is running code: unless
 * {@code dav_allow_script_upload} is set, PUT, DELETE and MKCOL of a name matching
 * {@code cgi_pattern} or of a {@code .htpasswd} get 403. IO thread only.
 * <p>
 * Over 400 lines because it holds the whole set of WebDAV methods the original serves,
 * each a short method with its own checks.
 */
public final class WebDav implements MethodHandler {

	private static final System.Logger log = System.getLogger(WebDav.class.getName());

	/** The methods this layer serves. */
	public static final Set<String> METHODS = Set.of("PUT", "DELETE", "MKCOL", "PROPFIND");

	private Path authFile;

	private boolean allowScriptUpload;

	private long maxPutSize = Long.parseLong(Option.named("dav_max_put_size").defaultValue());

	/**
	 * {@code dav_auth_file}: the digest passwords file; null = refuse every DAV request.
	 */
	public void setAuthFile(Path file) {
		this.authFile = (file == null) ? null : file.toAbsolutePath();
	}

	/** {@code dav_max_put_size}: the largest body a {@code PUT} stores. */
	public void setMaxPutSize(long bytes) {
		this.maxPutSize = bytes;
	}

	public Path authFile() {
		return this.authFile;
	}

	/**
	 * {@code dav_allow_script_upload}: whether DAV may write scripts and
	 * {@code .htpasswd} files.
	 */
	public void setAllowScriptUpload(boolean allow) {
		this.allowScriptUpload = allow;
	}

	@Override
	public boolean handles(String method) {
		return METHODS.contains(method);
	}

	/**
	 * Credentials from {@code dav_auth_file} and, as for a GET, from the passwords files
	 * over the target; a DELETE of a directory also needs those of every protected
	 * directory inside it.
	 */
	@Override
	public boolean authorize(HttpConnection c, StaticFiles files) {
		if (this.authFile == null) {
			files.digest().challenge(c, false);
			return false;
		}
		if (!files.digest().authorize(c, this.authFile)) {
			return false;
		}
		FileMapper.Target target = files.mapper().map(c.uri());
		if (target.path() == null) {
			return true; // refused by serve
		}
		if (!files.authorize(c, target)) {
			return false;
		}
		// (the root itself is never deleted: no need to search it)
		return !c.requestMethod().equals("DELETE") || !target.isDirectory() || c.uri().equals("/")
				|| authorizeInside(c, files, target.path());
	}

	/**
	 * The passwords files below a directory about to be deleted: each must let the user
	 * in.
	 */
	private static boolean authorizeInside(HttpConnection c, StaticFiles files, Path dir) {
		List<Path> inside;
		try (Stream<Path> walk = Files.walk(dir)) { // symlinks are not followed, nor
													// deleted through
			inside = walk.filter(p -> p.getFileName().toString().equals(".htpasswd") && Files.isRegularFile(p))
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			log.log(Level.WARNING, c + ": cannot look for passwords files before deleting: " + ex);
			status(c, 403);
			return false;
		}
		for (Path file : inside) {
			if (!files.digest().authorize(c, file)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean serve(HttpConnection c, StaticFiles files) {
		if (!authorize(c, files)) {
			return true;
		}
		String uri = c.uri();
		FileMapper.Target target = files.mapper().map(uri);
		if (target.status() == FileMapper.Status.FORBIDDEN) {
			return status(c, 403);
		}
		if (!this.allowScriptUpload && !c.requestMethod().equals("PROPFIND")
				&& isScriptOrPasswords(uri, target, files)) {
			log.log(Level.WARNING,
					c + " refused: " + uri + " is a script or a passwords file (dav_allow_script_upload)");
			return status(c, 403);
		}
		if (target.path() == null) { // no document root, or a hidden name
			return status(c, c.requestMethod().equals("PUT") || c.requestMethod().equals("MKCOL") ? 403 : 404);
		}
		try {
			switch (c.requestMethod()) {
				case "PUT" -> put(c, target, uri);
				case "DELETE" -> delete(c, target, uri);
				case "MKCOL" -> mkcol(c, target);
				default -> propfind(c, target, uri, files);
			}
		}
		catch (AccessDeniedException ex) {
			status(c, 403);
		}
		catch (IOException ex) {
			log.log(Level.WARNING, c + " failed: " + ex);
			status(c, 500);
		}
		return true;
	}

	/**
	 * Whether {@code uri} names a {@code .htpasswd} or a file {@code cgi_pattern} would
	 * run.
	 */
	private static boolean isScriptOrPasswords(String uri, FileMapper.Target target, StaticFiles files) {
		String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
		String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
		return name.equalsIgnoreCase(".htpasswd") || (target.path() != null && files.isScript(target.path()));
	}

	// ---- PUT
	// ----------------------------------------------------------------------------------------

	/**
	 * A {@code PUT} of a file that will be accepted streams to disk; everything refused
	 * (and a collection's {@code PUT}) keeps the buffered path, where {@link #serve}
	 * answers it.
	 */
	@Override
	public BodyHandler bodyHandler(HttpConnection c, StaticFiles files) {
		String uri = c.uri();
		if (!c.requestMethod().equals("PUT") || uri.endsWith("/")) {
			return null;
		}
		FileMapper.Target target = files.mapper().map(uri);
		if (target.status() == FileMapper.Status.FORBIDDEN || target.path() == null
				|| (!this.allowScriptUpload && isScriptOrPasswords(uri, target, files))) {
			return null;
		}
		try {
			return (putRefused(c, target, uri) == 0) ? upload(target) : null;
		}
		catch (IOException ex) {
			return null; // serve meets it again and answers
		}
	}

	private void put(HttpConnection c, FileMapper.Target target, String uri) throws IOException {
		if (c.getHeader("Content-Length") == null && !c.headerHasToken("Transfer-Encoding", "chunked")) {
			status(c, 411);
			return;
		}
		int refused = putRefused(c, target, uri);
		if (refused != 0) {
			status(c, refused);
			return;
		}
		Path path = target.path();
		if (uri.endsWith("/")) {
			boolean existed = target.isDirectory();
			Files.createDirectories(path);
			status(c, existed ? 200 : 201);
			return;
		}
		try { // an empty body: a body with bytes streams (bodyHandler)
			upload(target).handle(c);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(ex);
		}
	}

	/** Why a {@code PUT} is refused (its status), or 0. */
	private static int putRefused(HttpConnection c, FileMapper.Target target, String uri) throws IOException {
		if (c.getHeader("Content-Range") != null) {
			return 400; // RFC 9110 §14.5: partial PUT is refused
		}
		if (!insideRoot(target.path().getParent(), target.confinedTo())) {
			return 403;
		}
		if (uri.endsWith("/")) {
			return (target.status() == FileMapper.Status.FOUND && !target.isDirectory()) ? 409 : 0;
		}
		return target.isDirectory() ? 409 : 0;
	}

	/**
	 * Stores a {@code PUT} body at the target (a temporary file renamed over it once
	 * complete and forced to disk), then answers 201, or 200 for a file replaced.
	 */
	private FileUpload upload(FileMapper.Target target) {
		boolean existed = target.status() == FileMapper.Status.FOUND;
		return new FileUpload(this.maxPutSize, c -> target.path(), (c, file, size) -> {
			reply((HttpConnection) c, existed ? 200 : 201, "", null);
			return Handler.Result.DONE;
		});
	}

	/**
	 * Whether the nearest existing ancestor of {@code dir} really lies inside the root.
	 */
	private static boolean insideRoot(Path dir, Path realRoot) throws IOException {
		Path existing = dir;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return existing != null && realRoot != null && existing.toRealPath().startsWith(realRoot);
	}

	// ---- DELETE
	// -------------------------------------------------------------------------------------

	private void delete(HttpConnection c, FileMapper.Target target, String uri) throws IOException {
		if (target.status() != FileMapper.Status.FOUND) {
			status(c, 404);
			return;
		}
		Path path = target.path();
		if (uri.equals("/") || path.toRealPath().equals(target.confinedTo())) {
			status(c, 403); // never the document root itself
			return;
		}
		try {
			if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				deleteTree(path);
			}
			else {
				Files.delete(path);
			}
		}
		catch (NoSuchFileException ex) {
			status(c, 404);
			return;
		}
		catch (AccessDeniedException ex) {
			throw ex;
		}
		catch (IOException ex) {
			log.log(Level.WARNING, "DELETE " + path + " failed: " + ex);
			status(c, 423);
			return;
		}
		status(c, 204);
	}

	private static void deleteTree(Path dir) throws IOException {
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path d, IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				Files.delete(d);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	// ---- MKCOL
	// --------------------------------------------------------------------------------------

	private void mkcol(HttpConnection c, FileMapper.Target target) throws IOException {
		if (c.content().length > 0) {
			status(c, 415);
			return;
		}
		if (target.status() == FileMapper.Status.FOUND) {
			status(c, 405);
			return;
		}
		Path path = target.path();
		Path parent = path.getParent();
		if (parent == null || !Files.isDirectory(parent)) {
			status(c, 409);
			return;
		}
		if (!insideRoot(parent, target.confinedTo())) {
			status(c, 403);
			return;
		}
		try {
			Files.createDirectory(path);
		}
		catch (FileAlreadyExistsException ex) {
			status(c, 405);
			return;
		}
		status(c, 201);
	}

	// ---- PROPFIND
	// -----------------------------------------------------------------------------------

	private void propfind(HttpConnection c, FileMapper.Target target, String uri, StaticFiles files)
			throws IOException {
		if (target.status() != FileMapper.Status.FOUND) {
			status(c, 404);
			return;
		}
		String depth = c.getHeader("Depth");
		StringBuilder xml = new StringBuilder(512);
		xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\">\n");
		String base = (target.isDirectory() && !uri.endsWith("/")) ? uri + "/" : uri;
		response(xml, base, target.attributes());
		if (target.isDirectory() && !"0".equals(depth == null ? null : depth.trim()) && files.listingEnabled()) {
			List<Path> children = new ArrayList<>();
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.path())) {
				for (Path child : entries) {
					if (!files.mapper().isHiddenName(child.getFileName().toString())) {
						children.add(child);
					}
				}
			}
			children.sort(null);
			for (Path child : children) {
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(child, BasicFileAttributes.class);
				}
				catch (IOException ex) {
					continue; // dangling link or vanished
				}
				String name = child.getFileName().toString();
				response(xml, base + name + (attributes.isDirectory() ? "/" : ""), attributes);
			}
		}
		xml.append("</d:multistatus>\n");
		byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
		reply(c, 207, "Content-Type: text/xml; charset=utf-8\r\n", body);
	}

	private static void response(StringBuilder xml, String href, BasicFileAttributes attributes) {
		xml.append("<d:response><d:href>")
			.append(Markup.escape(UrlCodec.encode(href)))
			.append("</d:href>")
			.append("<d:propstat><d:prop><d:resourcetype>")
			.append(attributes.isDirectory() ? "<d:collection/>" : "")
			.append("</d:resourcetype>")
			.append("<d:getcontentlength>")
			.append(attributes.isDirectory() ? 0 : attributes.size())
			.append("</d:getcontentlength><d:getlastmodified>")
			.append(HttpDate.format(attributes.lastModifiedTime().toMillis()))
			.append("</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>\n");
	}

	// ---- replies
	// ------------------------------------------------------------------------------------

	private static boolean status(HttpConnection c, int status) {
		if (status >= 400) {
			c.sendError(status, null);
			return true;
		}
		return reply(c, status, "", null);
	}

	private static boolean reply(HttpConnection c, int status, String headers, byte[] body) {
		if (!c.sendHead(status, headers, body)) {
			c.net().closeNow();
		}
		return true;
	}

}
