package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parseHeader}, with Digest {@code Authorization}-shaped inputs (the dedicated
 * Digest parser in {@code io.mongoose.auth} is fuzzed separately once it exists).
 */
class HeaderParamsFuzzTest {

	private static final String[] DIGEST_NAMES = { "username", "realm", "nonce", "uri", "response", "qop", "nc",
			"cnonce", "opaque", "algorithm" };

	/**
	 * Byte 0 picks the name (a Digest parameter, or a raw one of byte 0 &amp; 7 bytes
	 * when >= 0x80).
	 */
	@FuzzTest(maxDuration = "60s")
	void arbitraryHeader(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int sel = data[0] & 0xFF;
		int start = 1;
		String name;
		if (sel < 0x80) {
			name = DIGEST_NAMES[sel % DIGEST_NAMES.length];
		}
		else {
			int n = Math.min(sel & 7, data.length - 1);
			name = new String(data, 1, n, StandardCharsets.ISO_8859_1);
			start += n;
		}
		String header = new String(data, start, data.length - start, StandardCharsets.UTF_8);
		String value = HeaderParams.parseHeader(header, name);
		if (name.isEmpty()) {
			assertThat(value).isNull();
		}
		if (value != null) {
			assertThat(header).contains(name + "=");
			assertThat(value.length()).isLessThanOrEqualTo(header.length());
		}
		for (int size : new int[] { 0, 1, 8, 4 * header.length() + 1 }) {
			byte[] buf = new byte[size];
			int n = HeaderParams.parseHeader(header, name, buf);
			if (value == null || size == 0) {
				assertThat(n).isZero();
			}
			else {
				byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
				if (utf8.length < size) {
					assertThat(n).isEqualTo(utf8.length);
					assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo(value);
				}
				else {
					assertThat(n).isZero();
				}
				assertThat(buf[n]).isZero();
			}
		}
	}

	/**
	 * A Digest header built from input values (separated by NUL bytes; quotes escaped
	 * with a backslash; values holding {@code =} or a backslash are left out) parses back
	 * to those values.
	 */
	@FuzzTest(maxDuration = "60s")
	void digestRoundTrip(byte[] data) {
		String all = new String(data, StandardCharsets.UTF_8);
		List<String> values = new ArrayList<>(List.of(all.split("\0", -1)));
		while (values.size() < DIGEST_NAMES.length) {
			values.add("v" + values.size());
		}
		StringBuilder h = new StringBuilder("Digest ");
		boolean[] quoted = new boolean[DIGEST_NAMES.length];
		for (int i = 0; i < DIGEST_NAMES.length; i++) {
			String v = values.get(i);
			if (v.indexOf('=') >= 0 || v.indexOf('\\') >= 0) {
				return;
			}
			// qop, nc and algorithm are tokens in RFC 7616; the rest are quoted strings
			quoted[i] = !(DIGEST_NAMES[i].equals("qop") || DIGEST_NAMES[i].equals("nc")
					|| DIGEST_NAMES[i].equals("algorithm")) || v.isEmpty() || v.matches("(?s).*[ ,\"';].*");
			if (i > 0) {
				h.append(i % 2 == 0 ? ", " : ",");
			}
			h.append(DIGEST_NAMES[i]).append('=');
			if (quoted[i]) {
				h.append('"').append(v.replace("\"", "\\\"")).append('"');
			}
			else {
				h.append(v);
			}
		}
		for (int i = 0; i < DIGEST_NAMES.length; i++) {
			assertThat(HeaderParams.parseHeader(h.toString(), DIGEST_NAMES[i])).as("%s in %s", DIGEST_NAMES[i], h)
				.isEqualTo(values.get(i));
		}
	}

}
