package io.mongoose;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * File-name suffix to {@code Content-Type}: a current table (the types browsers expect
 * today: {@code text/javascript}, {@code application/json}, {@code image/webp},
 * {@code font/woff2}, {@code application/wasm}, ...), text types with
 * {@code ; charset=utf-8}, and the {@code extra_mime_types} option, which wins over the
 * built-in table.
 *
 * <p>
 * Suffixes are matched case-insensitively at a dot; the longest matching suffix wins
 * ({@code .tar.gz} before {@code .gz}). Unknown files are
 * {@code text/plain; charset=utf-8}, as in Mongoose 7.
 */
public final class MimeTypes {

	/** Type of files whose suffix is in no table. */
	public static final String DEFAULT = "text/plain; charset=utf-8";

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
	 * Parses {@code extra_mime_types}: {@code .ext=type[,.ext=type...]}, where a type may
	 * carry parameters ({@code .txt=text/plain; charset=iso-8859-1}); entries are
	 * separated by commas, so a parameter value cannot hold one. Blanks around entries,
	 * around the type and around each {@code ;} are ignored; an empty option gives an
	 * empty map.
	 * @throws IllegalArgumentException for an entry without {@code =}, a suffix not
	 * starting with a dot, an empty type or one with blanks or control characters, or a
	 * parameter that is not {@code name=value} (it is all copied into a header)
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
			if (ext.length() < 2 || ext.charAt(0) != '.') {
				throw new IllegalArgumentException(
						"Invalid extra_mime_types entry '" + e + "': the suffix must start with a dot");
			}
			String type = mediaType(e.substring(eq + 1));
			if (type == null) {
				throw new IllegalArgumentException("Invalid extra_mime_types entry '" + e
						+ "': bad MIME type, expected type/subtype with optional '; name=value' parameters");
			}
			map.put(ext.toLowerCase(Locale.ROOT), type);
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * {@code type/subtype *(; name=value)} written as {@code type/subtype; name=value},
	 * or {@code null} if {@code text} is not one.
	 */
	private static String mediaType(String text) {
		String[] parts = text.split(";", -1);
		String type = parts[0].trim();
		// visible characters, as the type was taken before it could have parameters
		if (type.isEmpty() || !type.chars().allMatch((c) -> c > ' ' && c < 127)) {
			return null;
		}
		StringBuilder result = new StringBuilder(type);
		for (int i = 1; i < parts.length; i++) {
			String parameter = parts[i].trim();
			int eq = parameter.indexOf('=');
			if (eq <= 0 || !isToken(parameter.substring(0, eq).trim())
					|| !isValue(parameter.substring(eq + 1).trim())) {
				return null;
			}
			result.append("; ")
				.append(parameter.substring(0, eq).trim())
				.append('=')
				.append(parameter.substring(eq + 1).trim());
		}
		return result.toString();
	}

	/** An RFC 9110 token. */
	private static boolean isToken(String s) {
		return !s.isEmpty() && s.chars().allMatch((c) -> c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
	}

	/** A parameter value: a token or a quoted string of visible characters and blanks. */
	private static boolean isValue(String s) {
		if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
			return s.chars().allMatch((c) -> c >= ' ' && c < 127);
		}
		return isToken(s);
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
		// text: UTF-8, which is what editors and build tools write today
		put(m, "text/html; charset=utf-8", ".html", ".htm", ".shtm", ".shtml");
		put(m, "text/css; charset=utf-8", ".css");
		put(m, "text/javascript; charset=utf-8", ".js", ".mjs", ".cjs");
		put(m, "text/plain; charset=utf-8", ".txt", ".text", ".log");
		put(m, "text/markdown; charset=utf-8", ".md", ".markdown");
		put(m, "text/csv; charset=utf-8", ".csv");
		put(m, "text/xml; charset=utf-8", ".xml");
		put(m, "text/calendar; charset=utf-8", ".ics");
		put(m, "text/vtt; charset=utf-8", ".vtt");
		// JSON is UTF-8 by definition (RFC 8259): no charset parameter
		put(m, "application/json", ".json", ".map");
		put(m, "application/manifest+json", ".webmanifest");
		put(m, "application/ld+json", ".jsonld");
		put(m, "application/xml", ".xsl", ".xslt");
		put(m, "application/xhtml+xml", ".xhtml");
		put(m, "application/yaml", ".yaml", ".yml");
		put(m, "application/wasm", ".wasm");
		put(m, "application/pdf", ".pdf");
		put(m, "application/rtf", ".rtf");
		put(m, "application/zip", ".zip");
		put(m, "application/gzip", ".gz", ".tgz");
		put(m, "application/x-tar", ".tar");
		put(m, "application/x-7z-compressed", ".7z");
		put(m, "application/vnd.rar", ".rar");
		put(m, "application/x-bittorrent", ".torrent");
		put(m, "application/octet-stream", ".exe", ".bin");
		put(m, "application/msword", ".doc");
		put(m, "application/vnd.ms-excel", ".xls");
		put(m, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
		put(m, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
		put(m, "application/vnd.apple.mpegurl", ".m3u8");
		// images
		put(m, "image/svg+xml", ".svg");
		put(m, "image/png", ".png");
		put(m, "image/apng", ".apng");
		put(m, "image/jpeg", ".jpg", ".jpeg");
		put(m, "image/gif", ".gif");
		put(m, "image/webp", ".webp");
		put(m, "image/avif", ".avif");
		put(m, "image/x-icon", ".ico");
		put(m, "image/bmp", ".bmp");
		put(m, "image/tiff", ".tif", ".tiff");
		// fonts
		put(m, "font/woff", ".woff");
		put(m, "font/woff2", ".woff2");
		put(m, "font/ttf", ".ttf");
		put(m, "font/otf", ".otf");
		// audio and video
		put(m, "audio/mpeg", ".mp3");
		put(m, "audio/wav", ".wav");
		put(m, "audio/ogg", ".ogg", ".oga");
		put(m, "audio/opus", ".opus");
		put(m, "audio/mp4", ".m4a");
		put(m, "audio/aac", ".aac");
		put(m, "audio/flac", ".flac");
		put(m, "audio/webm", ".weba");
		put(m, "audio/midi", ".mid", ".midi");
		put(m, "audio/x-mpegurl", ".m3u");
		put(m, "video/mp4", ".mp4", ".m4v");
		put(m, "video/webm", ".webm");
		put(m, "video/ogg", ".ogv");
		put(m, "video/quicktime", ".mov");
		put(m, "video/mpeg", ".mpg", ".mpeg");
		put(m, "video/x-msvideo", ".avi");
		put(m, "video/x-ms-asf", ".asf");
		return Map.copyOf(m);
	}

	private static void put(Map<String, String> m, String type, String... exts) {
		for (String ext : exts) {
			m.put(ext, type);
		}
	}

}
