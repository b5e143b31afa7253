package io.mongoose.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.mongoose.BodyHandler;
import io.mongoose.BodyStream;
import io.mongoose.Connection;
import io.mongoose.FileUpload;
import io.mongoose.boot.UriHandler;

/**
 * {@code GET /upload}: a form and the stored files; {@code PUT /upload?name=<file name>}
 * (what the form's {@code upload.js} sends for each chosen file) streams the body to disk
 * under {@code sample.data-dir/uploads} with a safe name through the core's
 * {@link FileUpload} (a temporary file renamed into place once complete: a cut upload
 * leaves nothing); {@code GET /upload/files/<name>} downloads one, streamed from disk as
 * an attachment. A file above {@code sample.upload.max-file-size} is refused with 413 by
 * the server, before a byte is read when its length is declared; one that would take the
 * stored files past {@code sample.upload.max-total-size} is a 413 here. An upload from
 * another site's page is a 403 ({@link SameOrigin}). Blocking: it lists, reads and writes
 * files, so the server runs it on its workers.
 */
@UriHandler("/upload")
class UploadPage implements BodyHandler {

	private static final String FILES = "/upload/files/";

	private static final Log logger = LogFactory.getLog(UploadPage.class);

	private final Path dir;

	private final long maxFileSize;

	private final long maxTotalSize;

	private final FileUpload store;

	UploadPage(SampleProperties properties) throws IOException {
		this.dir = Files.createDirectories(properties.dataDir().resolve("uploads")).toAbsolutePath();
		this.maxFileSize = properties.upload().maxFileSize().toBytes();
		this.maxTotalSize = properties.upload().maxTotalSize().toBytes();
		this.store = new FileUpload(this.maxFileSize, (c) -> this.dir.resolve(freeName(safeName(c.getVar("name")))),
				this::stored);
	}

	@Override
	public long maxBodySize() {
		return this.maxFileSize;
	}

	@Override
	public boolean isBlocking() {
		return true;
	}

	@Override
	public Result handle(Connection c) throws Exception {
		String uri = c.uri();
		if (uri.startsWith(FILES) && c.requestMethod().equals("GET")) {
			return download(c, uri.substring(FILES.length()));
		}
		if (!uri.equals("/upload") && !uri.equals("/upload/")) {
			c.sendReply(404, "text/plain", "Not Found");
			return Result.DONE;
		}
		if (c.requestMethod().equals("GET")) {
			return page(c, 200, null);
		}
		return refused(c) ? Result.DONE : this.store.handle(c); // an empty file
	}

	@Override
	public boolean onBodyChunk(BodyStream body, ByteBuffer data) throws Exception {
		if (body.attachment() == null && refused(body.connection())) {
			return true; // answered: the server reads no more of the body
		}
		return this.store.onBodyChunk(body, data);
	}

	@Override
	public Result onBodyEnd(BodyStream body) throws Exception {
		if (body.attachment() == null && refused(body.connection())) {
			return Result.DONE;
		}
		return this.store.onBodyEnd(body);
	}

	@Override
	public void onBodyAborted(BodyStream body) {
		this.store.onBodyAborted(body);
	}

	/**
	 * Answers an upload this page does not take, before anything is stored: not a
	 * {@code PUT} to {@code /upload} with a name, from another site, or past the quota.
	 */
	private boolean refused(Connection c) throws IOException {
		if (!c.requestMethod().equals("PUT") || !c.uri().startsWith("/upload") || c.uri().startsWith(FILES)) {
			c.sendHeader("Allow", "GET, PUT");
			c.sendReply(405, "text/plain", "Method Not Allowed");
			return true;
		}
		if (!SameOrigin.allows(c)) {
			logger.info("403 for an upload from " + c.remoteIp() + ": sent by a page of another origin ("
					+ c.getHeader("Origin") + ", Referer " + c.getHeader("Referer") + ")");
			page(c, 403, "Uploads are accepted from this site's own upload page only.");
			return true;
		}
		String name = c.getVar("name");
		if (name == null || name.isEmpty()) {
			page(c, 400, "No file name (?name=) in the upload.");
			return true;
		}
		String length = c.getHeader("Content-Length");
		if (storedBytes() + ((length != null) ? Long.parseLong(length) : 0) > this.maxTotalSize) {
			page(c, 413, "The upload storage is full (" + this.maxTotalSize + " bytes): nothing was stored.");
			return true;
		}
		return false;
	}

	/** The file is in place: it stays unless it took the storage past its quota. */
	private Result stored(Connection c, Path file, long size) throws IOException {
		if (storedBytes() > this.maxTotalSize) { // a chunked upload, of no declared
													// length
			Files.delete(file);
			return page(c, 413, "The upload storage is full (" + this.maxTotalSize + " bytes): nothing was stored.");
		}
		return page(c, 201, "Stored " + file.getFileName() + ".");
	}

	/** {@code name}, or {@code name-1}, {@code name-2}... if taken. */
	private String freeName(String base) {
		String name = base;
		for (int i = 1; Files.exists(this.dir.resolve(name)); i++) {
			int dot = base.lastIndexOf('.');
			name = (dot > 0) ? base.substring(0, dot) + "-" + i + base.substring(dot) : base + "-" + i;
		}
		return name;
	}

	/**
	 * The last path segment, with anything but letters, digits, dot, dash and underscore
	 * replaced.
	 */
	static String safeName(String fileName) {
		String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
		if (name.length() > 100) {
			name = name.substring(name.length() - 100);
		}
		return name.isEmpty() ? "file" : name;
	}

	private Result download(Connection c, String name) {
		if (!name.equals(safeName(name))) {
			c.sendReply(404, "text/plain", "Not Found");
			return Result.DONE;
		}
		Path file = this.dir.resolve(name);
		if (!Files.isRegularFile(file)) {
			c.sendReply(404, "text/plain", "Not Found");
			return Result.DONE;
		}
		// the file straight from disk as the socket drains (as the core serves static
		// files): the heap never holds it. Always an attachment of no executable type, so
		// an uploaded page or script never runs on this site's origin.
		c.sendHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
		try {
			c.sendFile(file, "application/octet-stream");
		}
		catch (IOException ex) { // the handler fails before the reply: a clean 500
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
		return Result.DONE;
	}

	/** Bytes the stored uploads take now. */
	private long storedBytes() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.mapToLong((p) -> p.toFile().length()).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Result page(Connection c, int status, String message) {
		StringBuilder html = new StringBuilder(1024);
		html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Uploads</title>")
			.append("<link rel=\"stylesheet\" href=\"/app.css\"></head><body class=\"page\"><h1>Uploads</h1>");
		if (message != null) {
			html.append("<p class=\"notice\">").append(Html.escape(message)).append("</p>");
		}
		html.append("<form id=\"upload\"><input type=\"file\" id=\"file\" multiple required> ")
			.append("<button type=\"submit\">Upload</button></form><p id=\"progress\" class=\"notice\"></p>")
			.append("<ul id=\"files\">");
		for (String name : list()) {
			html.append("<li><a href=\"")
				.append(FILES)
				.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append("\">")
				.append(Html.escape(name))
				.append("</a></li>");
		}
		html.append("</ul><p><a href=\"/\">Chat</a></p><script src=\"/upload.js\"></script></body></html>");
		c.sendReply(status, "text/html; charset=utf-8", html.toString());
		return Result.DONE;
	}

	private List<String> list() {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((p) -> p.getFileName().toString()).sorted(String.CASE_INSENSITIVE_ORDER).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
