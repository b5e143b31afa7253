package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormVarsTest {

	private static final byte[] POST0 = "a=1&&b=2&d&=&c=3%20&e=".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] POST1 = "q=&st=2012%2F11%2F13+17%3A05&et=&team_id=".getBytes(StandardCharsets.US_ASCII);

	private static int get(byte[] data, String name, byte[] dst) {
		return FormVars.getVar(data, 0, data.length, name, dst);
	}

	private static String cstr(byte[] buf) {
		int n = 0;
		while (buf[n] != 0) {
			n++;
		}
		return new String(buf, 0, n, StandardCharsets.UTF_8);
	}

	/** The cases of the C test_get_var. */
	@Test
	void likeC() {
		byte[] buf = new byte[20];
		assertThat(get(POST0, "a", buf)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("1");
		assertThat(get(POST0, "b", buf)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("2");
		assertThat(get(POST0, "c", buf)).isEqualTo(2);
		assertThat(cstr(buf)).isEqualTo("3 ");
		assertThat(get(POST0, "e", buf)).isZero();
		assertThat(buf[0]).isZero();

		assertThat(get(POST0, "d", buf)).isEqualTo(-1);
		assertThat(get(POST0, "c", new byte[2])).isEqualTo(-2);
		assertThat(get(POST0, "x", null)).isEqualTo(-2);
		assertThat(get(POST0, "x", new byte[0])).isEqualTo(-2);
		assertThat(get(POST1, "st", new byte[16])).isEqualTo(-2);
		byte[] b17 = new byte[17];
		assertThat(get(POST1, "st", b17)).isEqualTo(16);
		assertThat(cstr(b17)).isEqualTo("2012/11/13 17:05");
	}

	@Test
	void namesMustStartDataOrFollowAmpersandAndMatchCaseInsensitively() {
		byte[] data = "xa=1&A=2&ba=3".getBytes(StandardCharsets.US_ASCII);
		byte[] buf = new byte[8];
		assertThat(get(data, "a", buf)).isEqualTo(1);
		assertThat(cstr(buf)).isEqualTo("2");
		assertThat(FormVars.getVar(data, 0, data.length, "BA")).isEqualTo("3");
		assertThat(FormVars.getVar(data, 0, data.length, "zz")).isNull();
	}

	@Test
	void notFoundClearsBufferAndRespectsOffsets() {
		byte[] buf = { 'x', 'x' };
		assertThat(get(POST0, "nope", buf)).isEqualTo(-1);
		assertThat(buf[0]).isZero();
		byte[] data = "junk&k=v&tail=1".getBytes(StandardCharsets.US_ASCII);
		// The window starts at "k=v": k is at the start of the data window.
		assertThat(FormVars.getVar(data, 5, 3, "k")).isEqualTo("v");
		assertThat(FormVars.getVar(data, 5, 3, "tail")).isNull();
		assertThat(FormVars.getVar(data, 0, 0, "k")).isNull();
	}

	@Test
	void stringVariantDecodesUtf8AndForm() {
		byte[] data = "name=%D0%B4%D0%B0+x&e=&d".getBytes(StandardCharsets.US_ASCII);
		assertThat(FormVars.getVar(data, 0, data.length, "name")).isEqualTo("да x");
		assertThat(FormVars.getVar(data, 0, data.length, "e")).isEmpty();
		assertThat(FormVars.getVar(data, 0, data.length, "d")).isNull();
		assertThat(FormVars.getVar(POST1, 0, POST1.length, "st")).isEqualTo("2012/11/13 17:05");
	}

}
