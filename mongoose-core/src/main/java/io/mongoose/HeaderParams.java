package io.mongoose;

import java.nio.charset.StandardCharsets;

/**
 * {@code mg_parse_header}: extracts {@code name=value} from {@code Authorization}- or
 * {@code Cookie}-style header values such as {@code k1=v1, k2="v 2"}.
 *
 * <p>
 * The name is case-sensitive, must start the header or follow a space or a comma, and
 * must be followed by {@code =}. A value starting with {@code "} or {@code '} runs to the
 * matching quote, with backslash-escaped quotes unescaped; an unterminated quote means
 * "no value". An unquoted value runs to the next space or comma (comma lists without
 * spaces, as in 5.2), and one trailing {@code ;} is dropped (as in the jan28 code, for
 * cookies).
 */
final class HeaderParams {

	private HeaderParams() {
	}

	/** The value of {@code name}, or null if absent or its quote is unterminated. */
	static String parseHeader(String header, String name) {
		if (header == null || name == null || name.isEmpty()) {
			return null;
		}
		int n = name.length();
		int end = header.length();
		int s = -1;
		for (int i = 0; i + n < end; i++) {
			if ((i == 0 || header.charAt(i - 1) == ' ' || header.charAt(i - 1) == ',') && header.charAt(i + n) == '='
					&& header.startsWith(name, i)) {
				s = i + n + 1;
				break;
			}
		}
		if (s < 0) {
			return null;
		}
		StringBuilder sb = new StringBuilder();
		char first = s < end ? header.charAt(s) : 0;
		if (first == '"' || first == '\'') {
			for (int p = s + 1; p < end; p++) {
				char c = header.charAt(p);
				if (c == first) {
					return sb.toString();
				}
				if (c == '\\' && p + 1 < end && header.charAt(p + 1) == first) {
					c = first;
					p++;
				}
				sb.append(c);
			}
			return null; // unterminated quote
		}
		int p = s;
		while (p < end && header.charAt(p) != ' ' && header.charAt(p) != ',') {
			p++;
		}
		if (p > s && header.charAt(p - 1) == ';') {
			p--;
		}
		return header.substring(s, p);
	}

	/**
	 * C-style variant: writes the UTF-8 value and a NUL into {@code buf}.
	 * @return the value length in bytes, or 0 when absent, unterminated, or {@code buf}
	 * has no room for value plus NUL ({@code buf[0]} is cleared in every case but
	 * success)
	 */
	static int parseHeader(String header, String name, byte[] buf) {
		if (buf == null || buf.length == 0) {
			return 0;
		}
		buf[0] = 0;
		String value = parseHeader(header, name);
		if (value == null) {
			return 0;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length >= buf.length) {
			return 0;
		}
		System.arraycopy(bytes, 0, buf, 0, bytes.length);
		buf[bytes.length] = 0;
		return bytes.length;
	}

}
