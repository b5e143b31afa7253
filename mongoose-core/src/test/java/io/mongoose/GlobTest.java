package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

	/** Every case of the C test_match_prefix (5.1 unit_test.c). */
	@ParameterizedTest(name = "{0} on {1} -> {2}")
	@CsvSource(delimiter = ' ', quoteCharacter = '"',
			value = { "/api /api 4", "/a/ /a/b/c 3", "/a/ /ab/c -1", "/*/ /ab/c 4", "** /a/b/c 6", "/* /a/b/c 2",
					"*/* /a/b/c 2", "**/ /a/b/c 5", "**.foo|**.bar a.bar 5", "a|b|cd cdef 2", "a|b|c? cdef 2",
					"a|?|cd cdef 1", "/a/**.cgi /foo/bar/x.cgi -1", "/a/**.cgi /a/bar/x.cgi 12", "**/$ /a/b/c -1",
					"**/$ /a/b/ 5", "$ \"\" 0", "$ x -1", "*$ x 1", "/$ / 1", "* /hello/ 0", "**.a$|**.b$ /a/b.b/ -1",
					"**.a$|**.b$ /a/b.b 6", "**.a$|**.b$ /a/B.A 6", "**o$ HELLO 5", })
	void matchPrefixLikeC(String pattern, String str, int expected) {
		assertThat(Glob.matchPrefix(pattern, str)).isEqualTo(expected);
	}

	@Test
	void questionMarkNeedsACharacter() {
		assertThat(Glob.matchPrefix("ab?", "ab")).isEqualTo(-1);
		assertThat(Glob.matchPrefix("a?c", "ABC")).isEqualTo(3);
	}

	@Test
	void wholeStringMatches() {
		assertThat(Glob.matches("**.cgi$", "/x/y.cgi")).isTrue();
		assertThat(Glob.matches("**.cgi", "/x/y.cgi.txt")).isFalse();
		assertThat(Glob.matches("*.txt", "dir/a.txt")).isFalse();
		assertThat(Glob.matches("**.txt", "dir/a.txt")).isTrue();
		assertThat(Glob.matches("*.php|*.cgi", "A.CGI")).isTrue();
		assertThat(Glob.matches("secret", "secret2")).isFalse();
		assertThat(Glob.matches("secret", "secret")).isTrue();
		// The first alternative matches only a prefix; a later one matches it all.
		assertThat(Glob.matchPrefix("a|ab", "ab")).isEqualTo(1);
		assertThat(Glob.matches("a|ab", "ab")).isTrue();
		// Greedy ** backtracks to find a full match.
		assertThat(Glob.matches("**a*", "xaya/b")).isFalse();
		assertThat(Glob.matches("**a*", "x/aya")).isTrue();
		assertThat(Glob.matches("", "")).isTrue();
		assertThat(Glob.matches("", "x")).isFalse();
	}

	@Test
	void literalTailAfterAWildcardIsTriedAtTheEndOnly() {
		assertThat(Glob.matches("**.cgi$", "/a.cgi/b.CGI")).isTrue();
		assertThat(Glob.matches("**.cgi$", "/a.cgi/b.cgx")).isFalse();
		assertThat(Glob.matches("*.cgi$", "a/b.cgi")).isFalse();
		assertThat(Glob.matches("*.cgi$", "b.cgi")).isTrue();
		assertThat(Glob.matches("**.cgi$", "cgi")).isFalse();
		assertThat(Glob.matches("**.gz", "x.tar.gz")).isTrue();
		assertThat(Glob.matchPrefix("**.pl$|**.cgi$", "/d/x.cgi")).isEqualTo(8);
		assertThat(Glob.matchPrefix("x**.c$", "x/y.c")).isEqualTo(5);
		assertThat(Glob.matchPrefix("**.c$", "/y.cc")).isEqualTo(-1);
		assertThat(Glob.matches("**?.c$", "a.c")).isTrue();
		assertThat(Glob.matches("**é$", "/cafÉ")).isTrue();
	}

}
