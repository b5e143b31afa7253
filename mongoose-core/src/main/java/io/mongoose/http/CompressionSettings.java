package io.mongoose.http;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code compression*} options: whether replies are compressed, which media types and
 * from what size. Set on the IO thread, read as each reply is framed.
 */
final class CompressionSettings {

	private volatile boolean enabled;

	private volatile Set<String> mimeTypes = Set.of();

	private volatile long minSize;

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	boolean enabled() {
		return this.enabled;
	}

	void setMinSize(long minSize) {
		this.minSize = minSize;
	}

	long minSize() {
		return this.minSize;
	}

	/**
	 * Sets {@code compression_mime_types}: a comma list of {@code type/subtype} or
	 * {@code type/*}.
	 * @return {@code null}, or why the value is invalid (nothing changed then)
	 */
	String setMimeTypes(String list) {
		Set<String> types = new LinkedHashSet<>();
		for (String item : (list == null) ? new String[0] : list.split(",")) {
			String type = item.trim().toLowerCase(Locale.ROOT);
			if (type.isEmpty()) {
				continue;
			}
			int slash = type.indexOf('/');
			if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0
					|| !type.chars().allMatch((c) -> c > ' ' && c < 127 && c != ';' && c != '"')) {
				return "Invalid compression_mime_types entry '" + item.trim() + "': expected type/subtype or type/*";
			}
			types.add(type);
		}
		this.mimeTypes = Set.copyOf(types);
		return null;
	}

	/**
	 * Whether a reply of {@code contentType} (parameters ignored) is of a listed type.
	 */
	boolean compressible(String contentType) {
		if (contentType == null) {
			return false;
		}
		int end = contentType.indexOf(';');
		String type = ((end < 0) ? contentType : contentType.substring(0, end)).trim().toLowerCase(Locale.ROOT);
		Set<String> types = this.mimeTypes;
		int slash = type.indexOf('/');
		return types.contains(type) || (slash > 0 && types.contains(type.substring(0, slash + 1) + "*"));
	}

}
