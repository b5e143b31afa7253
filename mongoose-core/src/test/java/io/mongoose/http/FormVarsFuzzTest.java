package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code getVar} on arbitrary form data. Byte 0: name length (low 3 bits) and destination
 * size (high 5 bits); then the name; the rest is the data, placed between decoys that
 * must never be read (off/len handling).
 */
class FormVarsFuzzTest {

	@FuzzTest(maxDuration = "60s")
	void getVar(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int nameLen = Math.min(data[0] & 7, data.length - 1);
		int dstLen = (data[0] & 0xFF) >> 3;
		byte[] nameBytes = Arrays.copyOfRange(data, 1, 1 + nameLen);
		for (int i = 0; i < nameBytes.length; i++) {
			nameBytes[i] &= 0x7F;
		}
		String name = new String(nameBytes, StandardCharsets.US_ASCII);
		byte[] form = Arrays.copyOfRange(data, 1 + nameLen, data.length);

		byte[] decoy = ("&" + name + "=DECOY&").getBytes(StandardCharsets.US_ASCII);
		byte[] buf = new byte[decoy.length * 2 + form.length];
		System.arraycopy(decoy, 0, buf, 0, decoy.length);
		System.arraycopy(form, 0, buf, decoy.length, form.length);
		System.arraycopy(decoy, 0, buf, decoy.length + form.length, decoy.length);
		int off = decoy.length;

		String value = FormVars.getVar(buf, off, form.length, name);
		String alone = FormVars.getVar(form, 0, form.length, name);
		assertThat(value).as("off/len respected").isEqualTo(alone);
		if (value != null && !new String(form, StandardCharsets.ISO_8859_1).contains("DECOY")) {
			assertThat(value).doesNotContain("DECOY");
		}

		byte[] dst = new byte[dstLen];
		int n = FormVars.getVar(buf, off, form.length, name, dst);
		if (dstLen == 0) {
			assertThat(n).isEqualTo(FormVars.NO_ROOM);
		}
		else if (value == null) {
			assertThat(n).isEqualTo(FormVars.NOT_FOUND);
			assertThat(dst[0]).isZero();
		}
		else if (n == FormVars.NO_ROOM) {
			assertThat(dst[0]).isZero();
			byte[] big = new byte[form.length + 1];
			int m = FormVars.getVar(buf, off, form.length, name, big);
			assertThat(m).isGreaterThanOrEqualTo(dstLen);
			assertThat(new String(big, 0, m, StandardCharsets.UTF_8)).isEqualTo(value);
		}
		else {
			assertThat(n).isBetween(0, dstLen - 1);
			assertThat(dst[n]).isZero();
			assertThat(new String(dst, 0, n, StandardCharsets.UTF_8)).isEqualTo(value);
		}
	}

}
