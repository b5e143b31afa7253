package io.mongoose.http;

/** Comma-separated header values such as {@code Connection: keep-alive, Upgrade}. */
public final class Tokens {

	private Tokens() {
	}

	/** Whether {@code value} lists {@code token} (case-insensitive, white space ignored). */
	public static boolean contains(String value, String token) {
		int n = value.length();
		int i = 0;
		while (i < n) {
			int end = value.indexOf(',', i);
			if (end < 0) {
				end = n;
			}
			int s = i;
			int e = end;
			while (s < e && isSpace(value.charAt(s))) {
				s++;
			}
			while (e > s && isSpace(value.charAt(e - 1))) {
				e--;
			}
			if (e - s == token.length() && value.regionMatches(true, s, token, 0, token.length())) {
				return true;
			}
			i = end + 1;
		}
		return false;
	}

	/** The last comma-separated element, trimmed. */
	static String last(String value) {
		int comma = value.lastIndexOf(',');
		return value.substring(comma + 1).trim();
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t';
	}

}
