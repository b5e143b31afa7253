package io.mongoose;

/**
 * The Mongoose glob language, used by {@code cgi_pattern}, {@code hide_files_patterns},
 * {@code ssi_pattern} and friends.
 *
 * <ul>
 * <li>{@code *} matches any run of characters except {@code /};</li>
 * <li>{@code **} matches any run of characters including {@code /};</li>
 * <li>{@code ?} matches exactly one character;</li>
 * <li>{@code $} matches only at the end of the string;</li>
 * <li>{@code |} separates alternatives.</li>
 * </ul>
 * Matching is case-insensitive. Wildcards are greedy and backtrack, so the work is
 * bounded by the pattern (configuration, trusted) times the string length per wildcard.
 */
public final class Glob {

	private Glob() {
	}

	/**
	 * Matches {@code pattern} against the beginning of {@code str}.
	 *
	 * <p>
	 * Alternatives are tried left to right; the first one that matches a non-empty prefix
	 * wins, otherwise the result of the last alternative is returned (as in the C
	 * server).
	 * @return the number of characters of {@code str} matched, or -1 if there is no match
	 */
	public static int matchPrefix(String pattern, String str) {
		return matchAlternatives(pattern, 0, str, false);
	}

	/**
	 * Whole-string match: true if any alternative of {@code pattern} matches all of
	 * {@code str}. Unlike {@code matchPrefix(...) == str.length()}, this does not depend
	 * on which alternative happens to match a prefix first.
	 */
	public static boolean matches(String pattern, String str) {
		return matchAlternatives(pattern, 0, str, true) == str.length();
	}

	private static int matchAlternatives(String pattern, int from, String str, boolean anchored) {
		int bar = pattern.indexOf('|', from);
		if (bar < 0) {
			return match(pattern, from, pattern.length(), str, 0, anchored);
		}
		int res = match(pattern, from, bar, str, 0, anchored);
		if (res > 0 || (anchored && res == 0)) {
			return res;
		}
		return matchAlternatives(pattern, bar + 1, str, anchored);
	}

	/** Matches pattern[p, pEnd) against str[s, ...); returns characters matched or -1. */
	private static int match(String pattern, int p, int pEnd, String str, int s, boolean anchored) {
		int start = s;
		int n = str.length();
		for (; p < pEnd; p++, s++) {
			char pc = pattern.charAt(p);
			if (pc == '?' && s < n) {
				continue;
			}
			if (pc == '$') {
				return s == n ? s - start : -1;
			}
			if (pc == '*') {
				p++;
				int run;
				if (p < pEnd && pattern.charAt(p) == '*') {
					p++;
					run = n - s;
				}
				else {
					int slash = str.indexOf('/', s);
					run = (slash < 0 ? n : slash) - s;
				}
				if (p == pEnd && !anchored) {
					return s + run - start;
				}
				int tail = fixedTail(pattern, p, pEnd, anchored);
				if (tail >= 0) {
					// the rest is literal and must end the string: one place to try, not
					// every one
					int needed = n - s - tail;
					if (needed < 0 || needed > run) {
						return -1;
					}
					int res = match(pattern, p, pEnd, str, s + needed, anchored);
					return (res >= 0) ? s - start + needed + res : -1;
				}
				for (; run >= 0; run--) {
					int res = match(pattern, p, pEnd, str, s + run, anchored);
					if (res >= 0) {
						return s - start + run + res;
					}
				}
				return -1;
			}
			if (s >= n || !equalsIgnoreCase(pc, str.charAt(s))) {
				return -1;
			}
		}
		if (anchored && s != n) {
			return -1;
		}
		return s - start;
	}

	/**
	 * The length of pattern[p, pEnd) when it has no wildcard and is anchored to the end
	 * of the string (a final {@code $}, or a whole-string match), else -1.
	 */
	private static int fixedTail(String pattern, int p, int pEnd, boolean anchored) {
		for (int i = p; i < pEnd; i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || (c == '$' && i != pEnd - 1)) {
				return -1;
			}
		}
		boolean dollar = pEnd > p && pattern.charAt(pEnd - 1) == '$';
		return dollar ? pEnd - p - 1 : (anchored ? pEnd - p : -1);
	}

	private static boolean equalsIgnoreCase(char a, char b) {
		if (a == b) {
			return true;
		}
		if ((a | b) < 0x80) {
			int lower = a | 0x20;
			return lower == (b | 0x20) && lower >= 'a' && lower <= 'z';
		}
		return Character.toLowerCase(a) == Character.toLowerCase(b)
				|| Character.toUpperCase(a) == Character.toUpperCase(b);
	}

}
