package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderParamsTest {

	private static final String STR = "xx=1 kl yy, ert=234 kl=123, " + "ii=\"12\\\"34\" zz='aa bb', gf=\"xx d=1234";

	private static String cstr(byte[] buf) {
		int n = 0;
		while (buf[n] != 0) {
			n++;
		}
		return new String(buf, 0, n, StandardCharsets.UTF_8);
	}

	/** The cases of the C test_mg_parse_header. */
	@Test
	void likeC() {
		byte[] buf = new byte[10];
		assertThat(HeaderParams.parseHeader(STR, "yy", buf)).isZero();
		assertThat(HeaderParams.parseHeader(STR, "ert", buf)).isEqualTo(3);
		assertThat(cstr(buf)).isEqualTo("234");
		assertThat(HeaderParams.parseHeader(STR, "ert", new byte[2])).isZero();
		assertThat(HeaderParams.parseHeader(STR, "ert", new byte[3])).isZero();
		assertThat(HeaderParams.parseHeader(STR, "ert", new byte[4])).isEqualTo(3);
		assertThat(HeaderParams.parseHeader(STR, "gf", buf)).isZero();
		assertThat(HeaderParams.parseHeader(STR, "zz", buf)).isEqualTo(5);
		assertThat(cstr(buf)).isEqualTo("aa bb");
		assertThat(HeaderParams.parseHeader(STR, "d", buf)).isEqualTo(4);
		assertThat(cstr(buf)).isEqualTo("1234");
		buf[0] = 'x';
		assertThat(HeaderParams.parseHeader(STR, "MMM", buf)).isZero();
		assertThat(buf[0]).isZero();
		assertThat(HeaderParams.parseHeader(STR, "kl", buf)).isEqualTo(3);
		assertThat(cstr(buf)).isEqualTo("123");
		assertThat(HeaderParams.parseHeader(STR, "xx", buf)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("1");
		assertThat(HeaderParams.parseHeader(STR, "ii", buf)).isEqualTo(5);
		assertThat(cstr(buf)).isEqualTo("12\"34");
	}

	@Test
	void stringVariant() {
		assertThat(HeaderParams.parseHeader(STR, "ii")).isEqualTo("12\"34");
		assertThat(HeaderParams.parseHeader(STR, "gf")).isNull();
		assertThat(HeaderParams.parseHeader(STR, "yy")).isNull();
		assertThat(HeaderParams.parseHeader(STR, "ERT")).isNull(); // case-sensitive, as
																	// in C
		assertThat(HeaderParams.parseHeader(null, "a")).isNull();
	}

	@Test
	void commaListsTrailingSemicolonAndDigest() {
		assertThat(HeaderParams.parseHeader("a=1,b=2,c=\"3\"", "b")).isEqualTo("2");
		assertThat(HeaderParams.parseHeader("a=1,b=2,c=\"3\"", "c")).isEqualTo("3");
		assertThat(HeaderParams.parseHeader("sid=abc; theme=dark;", "sid")).isEqualTo("abc");
		assertThat(HeaderParams.parseHeader("sid=abc; theme=dark;", "theme")).isEqualTo("dark");
		assertThat(HeaderParams.parseHeader("xa=1 a=2", "a")).isEqualTo("2");
		assertThat(HeaderParams.parseHeader("a=", "a")).isEmpty();
		assertThat(HeaderParams.parseHeader("a='it\\'s'", "a")).isEqualTo("it's");
		String digest = "Digest username=\"joe\", realm=\"mydomain.com\", nonce=\"1390\", "
				+ "uri=\"/x?a=b\", qop=auth, nc=00000001, cnonce=\"0a4f\", response=\"6629f\"";
		assertThat(HeaderParams.parseHeader(digest, "username")).isEqualTo("joe");
		assertThat(HeaderParams.parseHeader(digest, "uri")).isEqualTo("/x?a=b");
		assertThat(HeaderParams.parseHeader(digest, "qop")).isEqualTo("auth");
		assertThat(HeaderParams.parseHeader(digest, "nc")).isEqualTo("00000001");
		assertThat(HeaderParams.parseHeader(digest, "response")).isEqualTo("6629f");
		assertThat(HeaderParams.parseHeader(digest, "nonce")).isEqualTo("1390");
	}

}
