package io.mongoose.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * Compression of replies, bound to {@code mongoose.compression.*}; each property unset
 * here takes Spring Boot's {@code server.compression.*} value when that is set.
 *
 * @since 0.1.0
 */
public class CompressionProperties {

	/**
	 * Whether replies of the listed types and at least the minimum size are gzip- or
	 * deflate-compressed for clients whose Accept-Encoding takes it (never ranges, HEAD
	 * bodies, 204 or 304, nor files that have a precompressed '.gz' sidecar, which is
	 * sent instead). Falls back to server.compression.enabled.
	 */
	private boolean enabled;

	/**
	 * Media types compressed ('text/*' matches a whole type): by default Boot's list with
	 * SVG, CSV, Markdown, web manifests and WebAssembly. Falls back to
	 * server.compression.mime-types.
	 */
	private List<String> mimeTypes = new ArrayList<>(List.of("text/html", "text/xml", "text/plain", "text/css",
			"text/javascript", "application/javascript", "application/json", "application/xml", "image/svg+xml",
			"text/csv", "text/markdown", "application/manifest+json", "application/wasm"));

	/**
	 * Smallest reply compressed; a streamed reply of unknown length always is. Falls back
	 * to server.compression.min-response-size.
	 */
	private DataSize minResponseSize = DataSize.ofBytes(2048);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getMimeTypes() {
		return this.mimeTypes;
	}

	public void setMimeTypes(List<String> mimeTypes) {
		this.mimeTypes = mimeTypes;
	}

	public DataSize getMinResponseSize() {
		return this.minResponseSize;
	}

	public void setMinResponseSize(DataSize minResponseSize) {
		this.minResponseSize = minResponseSize;
	}

}
