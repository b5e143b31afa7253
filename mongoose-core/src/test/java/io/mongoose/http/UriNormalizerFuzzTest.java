package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

import io.mongoose.UrlCodec;

/**
 * Path normalisation as the request parser applies it: percent-decode, then normalise.
 */
class UriNormalizerFuzzTest {

	@FuzzTest(maxDuration = "60s")
	void normalize(byte[] data) {
		String raw = new String(data, StandardCharsets.ISO_8859_1);
		for (String path : new String[] { raw, UrlCodec.decode(raw, false) }) {
			String n = UriNormalizer.normalize(path);
			assertThat(n == null).as("null exactly for NUL or climbing above the root: %s", path)
				.isEqualTo(path.indexOf('\0') >= 0 || climbsAboveRoot(path));
			if (n != null) {
				assertThat(n).startsWith("/")
					.doesNotContain("/../", "/./", "//", "\\")
					.doesNotEndWith("/..")
					.doesNotEndWith("/.");
				assertThat(n.equals("/..") || n.equals("/.")).isFalse();
				assertThat(UriNormalizer.normalize(n)).as("idempotent").isEqualTo(n);
			}
			String compat = UriNormalizer.removeDoubleDotsAndDoubleSlashes(path);
			assertThat(compat).doesNotContain("/..", "\\..", "//", "\\\\", "/\\", "\\/");
			assertThat(compat.length()).isLessThanOrEqualTo(path.length());
		}
	}

	/** Reference: does some ".." segment pop past the root? */
	private static boolean climbsAboveRoot(String path) {
		int depth = 0;
		for (String seg : path.split("[/\\\\]", -1)) {
			if (seg.equals("..")) {
				if (depth == 0) {
					return true;
				}
				depth--;
			}
			else if (!seg.isEmpty() && !seg.equals(".")) {
				depth++;
			}
		}
		return false;
	}

}
