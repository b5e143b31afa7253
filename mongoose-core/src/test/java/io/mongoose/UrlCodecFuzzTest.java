package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Percent-decoding of arbitrary input, and the encode/decode round trip. */
class UrlCodecFuzzTest {

	/** Byte 0: destination size for the C-style decoder; the rest is the input. */
	@FuzzTest(maxDuration = "60s")
	void decode(byte[] data) {
		if (data.length == 0) {
			return;
		}
		byte[] src = Arrays.copyOfRange(data, 1, data.length);
		for (boolean form : new boolean[] { false, true }) {
			byte[] dst = new byte[data[0] & 0xFF];
			int n = UrlCodec.decode(src, 0, src.length, dst, form);
			if (n >= 0) {
				assertThat(n).isLessThan(dst.length == 0 ? 1 : dst.length).isLessThanOrEqualTo(src.length);
				if (dst.length > 0) {
					assertThat(dst[n]).isZero();
				}
				byte[] big = new byte[src.length + 1];
				int m = UrlCodec.decode(src, 0, src.length, big, form);
				assertThat(Arrays.copyOf(big, m)).as("same result with more room").isEqualTo(Arrays.copyOf(dst, n));
			}
			else {
				assertThat(n).isEqualTo(-1);
				assertThat(dst.length).isLessThanOrEqualTo(src.length);
			}
			String s = new String(src, StandardCharsets.ISO_8859_1);
			String decoded = UrlCodec.decode(s, form);
			if (s.indexOf('%') < 0 && !(form && s.indexOf('+') >= 0)) {
				assertThat(decoded).isSameAs(s);
			}
		}
	}

	/** For any valid string, decode(encode(s)) == s, and the encoding is URI-safe. */
	@FuzzTest(maxDuration = "60s")
	void roundTrip(byte[] data) {
		String s = new String(data, StandardCharsets.UTF_8); // malformed bytes become
																// U+FFFD
		String encoded = UrlCodec.encode(s);
		assertThat(encoded).matches("[A-Za-z0-9._~/%-]*");
		assertThat(UrlCodec.decode(encoded, false)).isEqualTo(s);
		assertThat(UrlCodec.decode(encoded, true)).isEqualTo(s);
	}

}
