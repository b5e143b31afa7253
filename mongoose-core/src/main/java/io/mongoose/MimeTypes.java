package io.mongoose;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * File-name suffix to {@code Content-Type}: the C 5.1 built-in table, a few modern
 * additions ({@code .wasm .woff .woff2 .mjs}), and the {@code extra_mime_types} option,
 * which wins over the built-in table.
 *
 * <p>
 * Suffixes are matched case-insensitively at a dot; the longest matching suffix wins
 * ({@code .tar.gz} before {@code .gz}). Unknown files are {@code text/plain}, as in C.
 */
public final class MimeTypes {

	/** Type of files whose suffix is in no table. */
	public static final String DEFAULT = "text/plain";

	private static final Map<String, String> BUILTIN = builtin();

	private MimeTypes() {
	}

	/** The type of {@code fileName} from the built-in table. */
	public static String get(String fileName) {
		return get(fileName, Map.of());
	}

	/**
	 * The type of {@code fileName}: the longest suffix in {@code extra} (as returned by
	 * {@link #parseExtra}, keys lower case with a leading dot) if any, else the longest
	 * in the built-in table, else {@link #DEFAULT}.
	 */
	public static String get(String fileName, Map<String, String> extra) {
		String type = null;
		if (extra != null && !extra.isEmpty()) {
			type = lookup(fileName, extra);
		}
		if (type == null) {
			type = lookup(fileName, BUILTIN);
		}
		return type == null ? DEFAULT : type;
	}

	/**
	 * Parses {@code extra_mime_types}: {@code .ext=type[,.ext=type...]}. Blanks around
	 * entries are ignored; an empty option gives an empty map.
	 * @throws IllegalArgumentException for an entry without {@code =}, a suffix not
	 * starting with a dot, or an empty type or one containing blanks or control
	 * characters (it is copied into a header)
	 */
	public static Map<String, String> parseExtra(String extraMimeTypes) {
		if (extraMimeTypes == null || extraMimeTypes.isBlank()) {
			return Map.of();
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (String entry : extraMimeTypes.split(",", -1)) {
			String e = entry.trim();
			int eq = e.indexOf('=');
			if (eq < 0) {
				throw new IllegalArgumentException("Invalid extra_mime_types entry '" + e + "': expected .ext=type");
			}
			String ext = e.substring(0, eq).trim();
			String type = e.substring(eq + 1).trim();
			if (ext.length() < 2 || ext.charAt(0) != '.') {
				throw new IllegalArgumentException(
						"Invalid extra_mime_types entry '" + e + "': the suffix must start with a dot");
			}
			if (type.isEmpty() || !type.chars().allMatch(c -> c > ' ' && c < 127)) {
				throw new IllegalArgumentException("Invalid extra_mime_types entry '" + e + "': bad MIME type");
			}
			map.put(ext.toLowerCase(Locale.ROOT), type);
		}
		return Collections.unmodifiableMap(map);
	}

	/** Tries each suffix starting at a dot, longest first. */
	private static String lookup(String fileName, Map<String, String> table) {
		String lower = fileName.toLowerCase(Locale.ROOT);
		int slash = lower.lastIndexOf('/');
		for (int dot = lower.indexOf('.', slash + 1); dot >= 0; dot = lower.indexOf('.', dot + 1)) {
			String type = table.get(lower.substring(dot));
			if (type != null) {
				return type;
			}
		}
		return null;
	}

	private static Map<String, String> builtin() {
		Map<String, String> m = new HashMap<>();
		put(m, "text/html", ".html", ".htm", ".shtm", ".shtml");
		put(m, "text/css", ".css");
		put(m, "application/x-javascript", ".js");
		put(m, "image/x-icon", ".ico");
		put(m, "image/gif", ".gif");
		put(m, "image/jpeg", ".jpg", ".jpeg");
		put(m, "image/png", ".png");
		put(m, "image/svg+xml", ".svg");
		put(m, "text/plain", ".txt");
		put(m, "application/x-bittorrent", ".torrent");
		put(m, "audio/x-wav", ".wav");
		put(m, "audio/x-mp3", ".mp3");
		put(m, "audio/mid", ".mid");
		put(m, "audio/x-mpegurl", ".m3u");
		put(m, "application/ogg", ".ogg");
		put(m, "audio/x-pn-realaudio", ".ram", ".ra");
		put(m, "text/xml", ".xml");
		put(m, "text/json", ".json");
		put(m, "application/xml", ".xslt", ".xsl");
		put(m, "application/msword", ".doc");
		put(m, "application/octet-stream", ".exe");
		put(m, "application/x-zip-compressed", ".zip");
		put(m, "application/excel", ".xls");
		put(m, "application/x-tar-gz", ".tgz");
		put(m, "application/x-tar", ".tar");
		put(m, "application/x-gunzip", ".gz");
		put(m, "application/x-arj-compressed", ".arj", ".rar");
		put(m, "application/rtf", ".rtf");
		put(m, "application/pdf", ".pdf");
		put(m, "application/x-shockwave-flash", ".swf");
		put(m, "video/mpeg", ".mpg", ".mpeg");
		put(m, "video/webm", ".webm");
		put(m, "video/quicktime", ".mov");
		put(m, "video/mp4", ".mp4");
		put(m, "video/x-m4v", ".m4v");
		put(m, "video/x-ms-asf", ".asf");
		put(m, "video/x-msvideo", ".avi");
		put(m, "image/bmp", ".bmp");
		put(m, "application/x-font-ttf", ".ttf");
		// Additions not in 5.1: formats a modern browser refuses under a wrong type.
		put(m, "application/wasm", ".wasm");
		put(m, "font/woff", ".woff");
		put(m, "font/woff2", ".woff2");
		put(m, "text/javascript", ".mjs");
		return Map.copyOf(m);
	}

	private static void put(Map<String, String> m, String type, String... exts) {
		for (String ext : exts) {
			m.put(ext, type);
		}
	}

}
