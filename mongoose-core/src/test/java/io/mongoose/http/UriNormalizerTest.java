package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriNormalizerTest {

	/** The cases of the C test_remove_double_dots. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ', value = { "////a /a", "/..... /.", "/...... /", "... ...", "/.../// /./",
			"/a.../// /a.../", "/.x /.x", "/\\ /", "/a\\ /a\\", "/a\\\\... /a\\.", })
	void removeDoubleDotsLikeC(String before, String after) {
		assertThat(UriNormalizer.removeDoubleDotsAndDoubleSlashes(before)).isEqualTo(after);
	}

	@Test
	void removeDoubleDotsKeepsOrdinaryPaths() {
		assertThat(UriNormalizer.removeDoubleDotsAndDoubleSlashes("/a/b.c/d")).isEqualTo("/a/b.c/d");
		assertThat(UriNormalizer.removeDoubleDotsAndDoubleSlashes("/../../etc/passwd")).isEqualTo("/etc/passwd");
		assertThat(UriNormalizer.removeDoubleDotsAndDoubleSlashes("")).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ',
			value = { "/ /", "'' /", "/a/b/c /a/b/c", "/a//b///c /a/b/c", "/a/./b/. /a/b/", "/a/b/../c /a/c",
					"/a/b/.. /a/", "/a/b/ /a/b/", "/a/.. /", "a/b /a/b", "/a\\b\\..\\c /a/c", "/.../x /.../x",
					"/.hidden /.hidden", "/a/..b /a/..b", "/x/%2e%2e /x/%2e%2e", })
	void normalizeResolvesDotSegments(String in, String out) {
		assertThat(UriNormalizer.normalize(in)).isEqualTo(out);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/..", "/../etc/passwd", "/a/../../etc/passwd", "..", "/a/b/../../..", "\\..\\windows",
			"/a\\..\\..\\x", "/./../x", "/a/\0/b", "/file.txt\0.html" })
	void normalizeRejectsTraversalAndNul(String in) {
		assertThat(UriNormalizer.normalize(in)).isNull();
	}

}
