package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UrlCodecTest {

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String cstr(byte[] buf) {
		int n = 0;
		while (buf[n] != 0) {
			n++;
		}
		return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
	}

	/** The cases of the C test_url_decode. */
	@Test
	void byteDecodeLikeC() {
		byte[] buf = new byte[100];
		assertThat(UrlCodec.decode(b("foo"), 0, 3, new byte[3], false)).isEqualTo(-1);
		assertThat(UrlCodec.decode(b("foo"), 0, 3, buf, false)).isEqualTo(3);
		assertThat(cstr(buf)).isEqualTo("foo");
		byte[] four = new byte[4];
		assertThat(UrlCodec.decode(b("foo"), 0, 3, four, false)).isEqualTo(3);
		assertThat(cstr(four)).isEqualTo("foo");

		assertThat(UrlCodec.decode(b("a+"), 0, 2, buf, false)).isEqualTo(2);
		assertThat(cstr(buf)).isEqualTo("a+");
		assertThat(UrlCodec.decode(b("a+"), 0, 2, buf, true)).isEqualTo(2);
		assertThat(cstr(buf)).isEqualTo("a ");

		assertThat(UrlCodec.decode(b("%61"), 0, 1, buf, true)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("%");
		assertThat(UrlCodec.decode(b("%61"), 0, 2, buf, true)).isEqualTo(2);
		assertThat(cstr(buf)).isEqualTo("%6");
		assertThat(UrlCodec.decode(b("%61"), 0, 3, buf, true)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("a");
	}

	@Test
	void byteDecodeHonoursOffsetAndEmptyDestination() {
		byte[] buf = new byte[10];
		assertThat(UrlCodec.decode(b("xx%41%42yy"), 2, 6, buf, false)).isEqualTo(2);
		assertThat(cstr(buf)).isEqualTo("AB");
		assertThat(UrlCodec.decode(b("a"), 0, 1, new byte[0], false)).isEqualTo(-1);
		assertThat(UrlCodec.decode(b(""), 0, 0, new byte[1], false)).isZero();
	}

	@Test
	void stringDecode() {
		assertThat(UrlCodec.decode("a+b%20c", false)).isEqualTo("a+b c");
		assertThat(UrlCodec.decode("a+b%20c", true)).isEqualTo("a b c");
		assertThat(UrlCodec.decode("%D0%B4%D0%B0", false)).isEqualTo("да");
		assertThat(UrlCodec.decode("%zz%4", false)).isEqualTo("%zz%4");
		assertThat(UrlCodec.decode("100%", false)).isEqualTo("100%");
		assertThat(UrlCodec.decode("%2f%2F", false)).isEqualTo("//");
		assertThat(UrlCodec.decode("%00", false)).isEqualTo("\0");
		assertThat(UrlCodec.decode("%ff", false)).isEqualTo("\uFFFD");
		assertThat(UrlCodec.decode("plain", true)).isEqualTo("plain");
	}

	@Test
	void encodeKeepsUnreservedAndSlash() {
		assertThat(UrlCodec.encode("a-b_c.d~e/F9")).isEqualTo("a-b_c.d~e/F9");
		assertThat(UrlCodec.encode("a b&c\"<>'%+?#")).isEqualTo("a%20b%26c%22%3C%3E%27%25%2B%3F%23");
		assertThat(UrlCodec.encode("да")).isEqualTo("%D0%B4%D0%B0");
		assertThat(UrlCodec.decode(UrlCodec.encode("x y/ü+%.txt"), false)).isEqualTo("x y/ü+%.txt");
	}

}
