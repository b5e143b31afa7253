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

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Multipart;
import io.mongoose.boot.UriHandler;

/**
 * {@code GET /upload}: a form and the stored files; {@code POST /upload}
 * ({@code multipart/form-data}, parsed by {@link Multipart}) stores each file under
 * {@code sample.data-dir/uploads} with a safe name; {@code GET /upload/files/<name>}
 * downloads one. Bodies above {@code mongoose.max-body-size} are refused with 413 by the
 * server before this handler runs.
 */
@UriHandler("/upload")
class UploadPage implements Handler {

	private static final String FILES = "/upload/files/";

	private final Path dir;

	UploadPage(SampleProperties properties) throws IOException {
		this.dir = Files.createDirectories(properties.dataDir().resolve("uploads")).toAbsolutePath();
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
		List<Multipart.Part> parts;
		try {
			byte[] body = c.content();
			parts = Multipart.parse(body, 0, body.length, c.getHeader("Content-Type"));
		}
		catch (IllegalArgumentException ex) {
			return page(c, 400, "Not a valid multipart/form-data upload: " + ex.getMessage());
		}
		List<String> stored = new ArrayList<>();
		for (Multipart.Part part : parts) {
			if (part.fileName() != null && !part.fileName().isEmpty()) {
				stored.add(store(part));
			}
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

	/** The last path segment, with anything but letters, digits, dot, dash and underscore replaced. */
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
		try {
			byte[] data = Files.readAllBytes(file);
			c.sendStatus(200)
				.sendHeader("Content-Type", "application/octet-stream")
				.sendHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
			c.sendData(data);
		}
		catch (IOException ex) {
			c.sendReply(500, "text/plain", "Cannot read " + name);
		}
		return Result.DONE;
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
			html.append("<li><a href=\"").append(FILES).append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append("\">").append(Html.escape(name)).append("</a></li>");
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
