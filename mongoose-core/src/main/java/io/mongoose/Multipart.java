package io.mongoose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses a fully buffered {@code multipart/form-data} body (RFC 7578), the Java
 * counterpart of {@code mg_parse_multipart}: the whole body at once instead of one part
 * per call.
 *
 * <p>
 * Each part's data is exactly the bytes between its blank line and the CRLF that precedes
 * the next delimiter, so binary data with CR and LF is preserved. Part headers are read
 * as UTF-8 (browsers send non-ASCII file names raw). A preamble before the first
 * delimiter and an epilogue after the closing one are ignored.
 */
public final class Multipart {

	/**
	 * One part. {@code fileName} is null for plain fields; {@code contentType} is null
	 * when the part has no {@code Content-Type} header (RFC 7578 default: text/plain).
	 */
	public record Part(String name, String fileName, String contentType, byte[] data) {
		/** The data as UTF-8 text, for ordinary form fields. */
		public String text() {
			return new String(data, StandardCharsets.UTF_8);
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Part p && Objects.equals(name, p.name) && Objects.equals(fileName, p.fileName)
					&& Objects.equals(contentType, p.contentType) && Arrays.equals(data, p.data);
		}

		@Override
		public int hashCode() {
			return Objects.hash(name, fileName, contentType) * 31 + Arrays.hashCode(data);
		}

		@Override
		public String toString() {
			return "Part[name=" + name + ", fileName=" + fileName + ", contentType=" + contentType + ", " + data.length
					+ " bytes]";
		}
	}

	private Multipart() {
	}

	/**
	 * Parses {@code body[off, off+len)}.
	 * @param contentTypeHeader the request's {@code Content-Type}, with a
	 * {@code boundary} parameter (quoted or not)
	 * @throws IllegalArgumentException when the boundary is missing or the body is
	 * malformed (no opening delimiter, part headers without a blank line, no closing
	 * delimiter)
	 */
	public static List<Part> parse(byte[] body, int off, int len, String contentTypeHeader) {
		String boundary = boundary(contentTypeHeader);
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		byte[] crlfDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		int end = off + len;

		// The first delimiter starts the body or follows a CRLF (the preamble).
		int pos;
		if (startsWith(body, off, end, delimiter)) {
			pos = off + delimiter.length;
		}
		else {
			int at = indexOf(body, off, end, crlfDelimiter);
			if (at < 0) {
				throw new IllegalArgumentException("Multipart body has no opening boundary");
			}
			pos = at + crlfDelimiter.length;
		}

		List<Part> parts = new ArrayList<>();
		while (true) {
			if (startsWith(body, pos, end, new byte[] { '-', '-' })) {
				return parts; // closing delimiter; the epilogue is ignored
			}
			pos = skipLineEnd(body, pos, end);
			int headersEnd = indexOf(body, pos, end, new byte[] { '\r', '\n', '\r', '\n' });
			int dataStart;
			if (startsWith(body, pos, end, new byte[] { '\r', '\n' })) {
				headersEnd = pos;
				dataStart = pos + 2;
			}
			else if (headersEnd < 0) {
				throw new IllegalArgumentException("Multipart part headers not terminated by a blank line");
			}
			else {
				dataStart = headersEnd + 4;
			}
			String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
			int dataEnd = indexOf(body, dataStart, end, crlfDelimiter);
			if (dataEnd < 0) {
				throw new IllegalArgumentException("Multipart body has no closing boundary");
			}
			parts.add(part(headers, Arrays.copyOfRange(body, dataStart, dataEnd)));
			pos = dataEnd + crlfDelimiter.length;
		}
	}

	/** The {@code boundary} parameter of a Content-Type value. */
	static String boundary(String contentType) {
		String b = contentType == null ? null : param(contentType, "boundary");
		if (b == null || b.isEmpty() || b.length() > 200) {
			throw new IllegalArgumentException("No multipart boundary in Content-Type '" + contentType + "'");
		}
		return b;
	}

	private static Part part(String headers, byte[] data) {
		String name = null;
		String fileName = null;
		String type = null;
		for (String line : headers.split("\r\n")) {
			if (line.isEmpty()) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("Malformed multipart header '" + line + "'");
			}
			String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			if (key.equals("content-disposition")) {
				name = param(value, "name");
				String extended = param(value, "filename*");
				fileName = extended != null ? decodeExtended(extended) : param(value, "filename");
			}
			else if (key.equals("content-type")) {
				type = value;
			}
		}
		return new Part(name, fileName, type, data);
	}

	/**
	 * Finds {@code ;name=value} in a header value (case-insensitive name, value a token
	 * or a quoted string with backslash escapes). Null if absent.
	 */
	private static String param(String header, String name) {
		int i = header.indexOf(';');
		int n = header.length();
		while (i >= 0 && i < n) {
			i++; // skip ';'
			while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
				i++;
			}
			int eq = header.indexOf('=', i);
			int semi = header.indexOf(';', i);
			if (eq < 0) {
				return null;
			}
			if (semi >= 0 && semi < eq) {
				i = semi;
				continue;
			}
			String key = header.substring(i, eq).trim();
			int v = eq + 1;
			while (v < n && (header.charAt(v) == ' ' || header.charAt(v) == '\t')) {
				v++;
			}
			StringBuilder value = new StringBuilder();
			int next;
			if (v < n && header.charAt(v) == '"') {
				int p = v + 1;
				while (p < n && header.charAt(p) != '"') {
					char c = header.charAt(p);
					if (c == '\\' && p + 1 < n) {
						c = header.charAt(++p);
					}
					value.append(c);
					p++;
				}
				next = header.indexOf(';', p);
			}
			else {
				next = header.indexOf(';', v);
				value.append(header, v, next < 0 ? n : next);
				trimEnd(value);
			}
			if (key.equalsIgnoreCase(name)) {
				return value.toString();
			}
			i = next;
		}
		return null;
	}

	/** RFC 5987 {@code charset'lang'pct-encoded}; only UTF-8 is honoured. */
	private static String decodeExtended(String v) {
		int q1 = v.indexOf('\'');
		int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
		if (q2 < 0) {
			return v;
		}
		return UrlCodec.decode(v.substring(q2 + 1), false);
	}

	private static void trimEnd(StringBuilder sb) {
		while (sb.length() > 0 && Character.isWhitespace(sb.charAt(sb.length() - 1))) {
			sb.setLength(sb.length() - 1);
		}
	}

	/**
	 * Skips optional transport padding (blanks) and the CRLF that ends a delimiter line.
	 */
	private static int skipLineEnd(byte[] b, int pos, int end) {
		int p = pos;
		while (p < end && (b[p] == ' ' || b[p] == '\t')) {
			p++;
		}
		if (startsWith(b, p, end, new byte[] { '\r', '\n' })) {
			return p + 2;
		}
		throw new IllegalArgumentException("Multipart boundary not followed by CRLF");
	}

	private static boolean startsWith(byte[] b, int pos, int end, byte[] prefix) {
		if (end - pos < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (b[pos + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] b, int from, int end, byte[] needle) {
		int last = end - needle.length;
		byte first = needle[0];
		for (int i = from; i <= last; i++) {
			if (b[i] == first && startsWith(b, i, end, needle)) {
				return i;
			}
		}
		return -1;
	}

}
