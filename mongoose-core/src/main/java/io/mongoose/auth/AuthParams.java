package io.mongoose.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a credentials header ({@code Digest a=b, c="d e"}) split per RFC 9110
 * §11.2: {@code token = ( token / quoted-string )} pairs separated by commas. Unlike the
 * original's {@code mg_parse_header}, a name inside another parameter's quoted value is
 * never mistaken for a parameter.
 */
final class AuthParams {

	private static final int MAX_PARAMS = 32;

	private AuthParams() {
	}

	/**
	 * @param header the whole header value, scheme included
	 * @param scheme the expected scheme, such as {@code Digest}
	 * @return lower-cased names to values, or {@code null} if the header is malformed,
	 * has a duplicate parameter or another scheme
	 */
	static Map<String, String> parse(String header, String scheme) {
		int n = header.length();
		if (n <= scheme.length() || !header.regionMatches(true, 0, scheme, 0, scheme.length())
				|| header.charAt(scheme.length()) != ' ') {
			return null;
		}
		Map<String, String> params = new HashMap<>();
		int i = scheme.length();
		while (true) {
			i = skip(header, i);
			if (i == n) {
				return params;
			}
			int nameStart = i;
			while (i < n && isTokenChar(header.charAt(i))) {
				i++;
			}
			if (i == nameStart) {
				return null;
			}
			String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
			i = spaces(header, i);
			if (i == n || header.charAt(i) != '=') {
				return null;
			}
			i = spaces(header, i + 1);
			StringBuilder value = new StringBuilder();
			if (i < n && header.charAt(i) == '"') {
				i++;
				while (i < n && header.charAt(i) != '"') {
					char c = header.charAt(i);
					if (c == '\\' && i + 1 < n) {
						c = header.charAt(++i);
					}
					value.append(c);
					i++;
				}
				if (i == n) {
					return null;
				}
				i++;
			}
			else {
				int start = i;
				while (i < n && isTokenChar(header.charAt(i))) {
					i++;
				}
				if (i == start) {
					return null;
				}
				value.append(header, start, i);
			}
			if (params.put(name, value.toString()) != null || params.size() > MAX_PARAMS) {
				return null;
			}
			i = spaces(header, i);
			if (i < n && header.charAt(i) != ',') {
				return null;
			}
		}
	}

	/** Skips white space and commas between parameters. */
	private static int skip(String s, int i) {
		while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
			i++;
		}
		return i;
	}

	private static int spaces(String s, int i) {
		while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
	}

}
