package io.mongoose.files;

import java.nio.file.attribute.BasicFileAttributes;

import io.mongoose.Connection;
import io.mongoose.http.HttpDate;

/**
 * Validators of a static file and the conditional request headers (RFC 9110 §13):
 * {@code If-None-Match} (a list or {@code *}, weak comparison) wins over
 * {@code If-Modified-Since}; {@code If-Range} decides whether a {@code Range} applies.
 */
final class ConditionalRequests {

	private ConditionalRequests() {
	}

	/**
	 * The strong entity tag {@code "<mtime hex>.<size>"} of the original, plus a suffix
	 * per encoding.
	 */
	public static String etag(BasicFileAttributes attributes, String suffix) {
		return "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis() / 1000) + "." + attributes.size()
				+ suffix + "\"";
	}

	/** Modification time as sent in {@code Last-Modified} (whole seconds). */
	public static long lastModified(BasicFileAttributes attributes) {
		return attributes.lastModifiedTime().toMillis() / 1000 * 1000;
	}

	/** Whether a GET or HEAD can be answered with 304 Not Modified. */
	public static boolean notModified(Connection c, String etag, long lastModified) {
		String ifNoneMatch = c.getHeader("If-None-Match");
		if (ifNoneMatch != null) {
			return matchesAny(ifNoneMatch, etag, false);
		}
		String ifModifiedSince = c.getHeader("If-Modified-Since");
		if (ifModifiedSince != null) {
			long since = HttpDate.parse(ifModifiedSince);
			return since >= 0 && lastModified <= since;
		}
		return false;
	}

	/**
	 * Whether the {@code Range} header may be honoured given {@code If-Range} (absent =
	 * yes).
	 */
	public static boolean rangeApplies(Connection c, String etag, long lastModified) {
		String ifRange = c.getHeader("If-Range");
		if (ifRange == null) {
			return true;
		}
		String v = ifRange.trim();
		if (v.startsWith("\"") || v.startsWith("W/")) {
			return !v.startsWith("W/") && v.equals(etag); // strong comparison
		}
		long date = HttpDate.parse(v);
		return date >= 0 && date == lastModified;
	}

	/** Whether a comma list of entity tags (or {@code *}) holds {@code etag}. */
	static boolean matchesAny(String list, String etag, boolean strong) {
		String opaque = opaque(etag);
		for (String item : list.split(",")) {
			String tag = item.trim();
			if (tag.equals("*")) {
				return true;
			}
			if (tag.startsWith("W/")) {
				if (strong) {
					continue;
				}
				tag = tag.substring(2);
			}
			if (opaque(tag).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

}
