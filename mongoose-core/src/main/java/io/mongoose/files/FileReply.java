package io.mongoose.files;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.mongoose.http.ContentCoding;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.HttpDate;

/**
 * A GET or HEAD of one regular file: picks the representation (the precompressed
 * {@code name.gz} sidecar when the client accepts gzip, else a body compressed as it is
 * sent when the {@code compression*} options allow it), answers conditional requests with
 * 304, and hands the body to {@link RangeReply} or {@link CompressedFile}.
 */
final class FileReply {

	private FileReply() {
	}

	static boolean send(HttpConnection c, FileMapper.Target target, String contentType) {
		Path file = target.path();
		BasicFileAttributes attributes = target.attributes();
		StringBuilder headers = new StringBuilder(256);
		String suffix = "";
		String name = file.getFileName().toString();
		if (!name.regionMatches(true, name.length() - 3, ".gz", 0, 3)) {
			// Vary whether or not a sidecar exists: a client that does not take gzip
			// (curl, API
			// clients, load tools) then costs no stat of a name.gz that only others could
			// get
			headers.append("Vary: Accept-Encoding\r\n");
			if (ContentCoding.accepts(c.getHeader("Accept-Encoding"), ContentCoding.GZIP)) {
				FileMapper.Target gz = FileMapper.resolveWithin(file.resolveSibling(name + ".gz"), target.confinedTo());
				if (gz.status() == FileMapper.Status.FOUND && !gz.isDirectory()) {
					file = gz.path();
					attributes = gz.attributes();
					suffix = "-gzip";
					headers.append("Content-Encoding: gzip\r\n");
				}
			}
		}
		// no sidecar: compressed as it is sent, if at all (never for a Range request)
		String coding = suffix.isEmpty() ? c.streamedCoding(contentType, attributes.size()) : null;
		if (coding != null) {
			suffix = "-" + coding;
		}
		String etag = ConditionalRequests.etag(attributes, suffix);
		long lastModified = ConditionalRequests.lastModified(attributes);
		headers.append("Last-Modified: ").append(HttpDate.format(lastModified)).append("\r\n");
		headers.append("ETag: ").append(etag).append("\r\n");
		if (ConditionalRequests.notModified(c, etag, lastModified)) {
			return StaticFiles.reply(c, 304, headers.toString(), null);
		}
		if (coding != null) {
			CompressedFile.send(c, file, contentType, headers);
			return true;
		}
		String range = ConditionalRequests.rangeApplies(c, etag, lastModified) ? c.getHeader("Range") : null;
		if (!RangeReply.send(c, file, attributes.size(), contentType, headers, range)) {
			c.net().closeNow();
		}
		return true;
	}

}
