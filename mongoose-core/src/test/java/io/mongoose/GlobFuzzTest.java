package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glob matching against a regular-expression reference. Input: pattern, a NUL byte, the
 * string. Patterns are configuration (trusted) and backtracking is exponential in the
 * number of wildcards, so patterns are limited to 4 wildcards and 64 characters.
 */
class GlobFuzzTest {

	@FuzzTest(maxDuration = "60s")
	void matchesReference(byte[] data) {
		int nul = 0;
		while (nul < data.length && data[nul] != 0) {
			nul++;
		}
		String pattern = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
		String str = nul < data.length ? new String(data, nul + 1, data.length - nul - 1, StandardCharsets.ISO_8859_1)
				: "";
		if (pattern.length() > 64 || str.length() > 512 || pattern.chars().filter(c -> c == '*').count() > 4) {
			return;
		}
		int prefix = Glob.matchPrefix(pattern, str);
		assertThat(prefix).isBetween(-1, str.length());
		boolean whole = Glob.matches(pattern, str);
		if (!(pattern + str).chars().allMatch(c -> c < 0x80)) {
			return; // the reference's case folding is checked for ASCII only
		}
		boolean expectedWhole = false;
		int expectedPrefix = -1;
		for (String alt : pattern.split("\\|", -1)) {
			expectedWhole |= regex(alt).matcher(str).matches();
		}
		for (String alt : pattern.split("\\|", -1)) {
			Matcher m = regex(alt).matcher(str);
			expectedPrefix = m.lookingAt() ? m.end() : -1;
			if (expectedPrefix > 0) {
				break;
			}
		}
		assertThat(whole).as("matches(%s, %s)", pattern, str).isEqualTo(expectedWhole);
		assertThat(prefix).as("matchPrefix(%s, %s)", pattern, str).isEqualTo(expectedPrefix);
	}

	/**
	 * One alternative as a regex: {@code **}, {@code *}, {@code ?}; {@code $} ends it at
	 * the string's end.
	 */
	private static Pattern regex(String alt) {
		StringBuilder re = new StringBuilder();
		for (int i = 0; i < alt.length(); i++) {
			char c = alt.charAt(i);
			if (c == '*') {
				if (i + 1 < alt.length() && alt.charAt(i + 1) == '*') {
					i++;
					re.append(".*");
				}
				else {
					re.append("[^/]*");
				}
			}
			else if (c == '?') {
				re.append('.');
			}
			else if (c == '$') {
				re.append("\\z");
				break;
			}
			else {
				re.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(re.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
	}

}
