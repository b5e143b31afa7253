package io.mongoose.http;

/** Comma-separated header values such as {@code Connection: keep-alive, Upgrade}. */
public final class Tokens {

	private Tokens() {
	}

	/**
	 * Whether {@code value} lists {@code token} (case-insensitive, white space ignored).
	 */
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

	/** {@link #contains(String, String)} over bytes of the receive buffer. */
	static boolean contains(byte[] buf, int start, int end, String token) {
		int i = start;
		while (i < end) {
			int e = elementEnd(buf, i, end);
			int s = trimStart(buf, i, e);
			int t = trimEnd(buf, s, e);
			if (t - s == token.length() && equalsIgnoreCase(buf, s, token)) {
				return true;
			}
			i = e + 1;
		}
		return false;
	}

	/**
	 * Where the list element that starts at {@code from} ends: the next comma, or
	 * {@code end}.
	 */
	static int elementEnd(byte[] buf, int from, int end) {
		int e = from;
		while (e < end && buf[e] != ',') {
			e++;
		}
		return e;
	}

	/**
	 * The first index of {@code [from, to)} that is not a space or tab ({@code to} if
	 * none).
	 */
	static int trimStart(byte[] buf, int from, int to) {
		while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
			from++;
		}
		return from;
	}

	/** The end of {@code [from, to)} without trailing spaces and tabs. */
	static int trimEnd(byte[] buf, int from, int to) {
		while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
			to--;
		}
		return to;
	}

	private static boolean equalsIgnoreCase(byte[] buf, int start, String token) {
		for (int k = 0; k < token.length(); k++) {
			if (!sameIgnoringCase(buf[start + k], token.charAt(k))) {
				return false;
			}
		}
		return true;
	}

	/** ASCII case-insensitive comparison of one byte with one char. */
	static boolean sameIgnoringCase(int a, int b) {
		if (a == b) {
			return true;
		}
		int lower = a | 0x20;
		return lower == (b | 0x20) && lower >= 'a' && lower <= 'z';
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
