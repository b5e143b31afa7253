package io.mongoose.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Multipart;
import io.mongoose.boot.UriHandler;

/**
 * {@code GET /upload}: a form and the stored files; {@code POST /upload}
 * ({@code multipart/form-data}, parsed by {@link Multipart}) stores each file under
 * {@code sample.data-dir/uploads} with a safe name; {@code GET /upload/files/<name>}
 * downloads one, streamed from disk as an attachment. Bodies above
 * {@code mongoose.max-body-size} are refused with 413 by the server before this handler
 * runs; a file above {@code sample.upload.max-file-size}, or one that would take the
 * stored files past {@code sample.upload.max-total-size}, is a 413 here. A post from
 * another site's page is a 403 ({@link SameOrigin}).
 */
@UriHandler("/upload")
class UploadPage implements Handler {

	private static final String FILES = "/upload/files/";

	private static final Log logger = LogFactory.getLog(UploadPage.class);

	private final Path dir;

	private final long maxFileSize;

	private final long maxTotalSize;

	UploadPage(SampleProperties properties) throws IOException {
		this.dir = Files.createDirectories(properties.dataDir().resolve("uploads")).toAbsolutePath();
		this.maxFileSize = properties.upload().maxFileSize().toBytes();
		this.maxTotalSize = properties.upload().maxTotalSize().toBytes();
	}

	@Override
	public Result handle(Connection c) {
		String uri = c.uri();
		if (uri.startsWith(FILES) && c.requestMethod().equals("GET")) {
			return download(c, uri.substring(FILES.length()));
		}
		if (!uri.equals("/upload") && !uri.equals("/upload/")) {
			c.sendReply(404, "text/plain", "Not Found");
			return Result.DONE;
		}
		return switch (c.requestMethod()) {
			case "GET" -> page(c, 200, null);
			case "POST" -> upload(c);
			default -> {
				c.sendReply(405, "text/plain", "Method Not Allowed");
				yield Result.DONE;
			}
		};
	}

	private Result upload(Connection c) {
		if (!SameOrigin.allows(c)) {
			logger.info("403 for an upload from " + c.remoteIp() + ": posted by a page of another origin ("
					+ c.getHeader("Origin") + ", Referer " + c.getHeader("Referer") + ")");
			return page(c, 403, "Uploads are accepted from this site's own upload page only.");
		}
		List<Multipart.Part> parts;
		try {
			byte[] body = c.content();
			parts = Multipart.parse(body, 0, body.length, c.getHeader("Content-Type"));
		}
		catch (IllegalArgumentException ex) {
			return page(c, 400, "Not a valid multipart/form-data upload: " + ex.getMessage());
		}
		List<Multipart.Part> files = parts.stream()
			.filter((part) -> part.fileName() != null && !part.fileName().isEmpty())
			.toList();
		long adding = 0;
		for (Multipart.Part part : files) {
			if (part.data().length > this.maxFileSize) {
				return page(c, 413, safeName(part.fileName()) + " is larger than the " + this.maxFileSize
						+ " bytes a file may have.");
			}
			adding += part.data().length;
		}
		if (storedBytes() + adding > this.maxTotalSize) {
			return page(c, 413, "The upload storage is full (" + this.maxTotalSize + " bytes): nothing was stored.");
		}
		List<String> stored = new ArrayList<>();
		for (Multipart.Part part : files) {
			stored.add(store(part));
		}
		return stored.isEmpty() ? page(c, 400, "No file in the upload.")
				: page(c, 201, "Stored " + String.join(", ", stored) + ".");
	}

	private String store(Multipart.Part part) {
		String name = safeName(part.fileName());
		String base = name;
		try {
			for (int i = 1;; i++) {
				try {
					Files.write(this.dir.resolve(name), part.data(), StandardOpenOption.CREATE_NEW,
							StandardOpenOption.WRITE);
					return name;
				}
				catch (FileAlreadyExistsException ex) {
					int dot = base.lastIndexOf('.');
					name = (dot > 0) ? base.substring(0, dot) + "-" + i + base.substring(dot) : base + "-" + i;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
		html.append("<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">")
			.append("<input type=\"file\" name=\"file\" multiple required> <button type=\"submit\">Upload</button></form>")
			.append("<ul id=\"files\">");
		for (String name : list()) {
			html.append("<li><a href=\"")
				.append(FILES)
				.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append("\">")
				.append(Html.escape(name))
				.append("</a></li>");
		}
		html.append("</ul><p><a href=\"/\">Chat</a></p></body></html>");
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
