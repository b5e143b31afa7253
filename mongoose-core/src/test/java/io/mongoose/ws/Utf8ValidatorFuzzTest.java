package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Input: byte 0 chooses the split point (as a fraction of the rest), the rest is the
 * text. The incremental validator must agree with the JDK's strict decoder, in one piece
 * and split.
 */
class Utf8ValidatorFuzzTest {

	@FuzzTest(maxDuration = "60s")
	void agreesWithJdkDecoder(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int len = data.length - 1;
		int at = 1 + ((data[0] & 0xFF) * len) / 255;
		boolean expected = referenceValid(data, 1, len);
		assertThat(Utf8Validator.isValid(data, 1, len)).as("one shot").isEqualTo(expected);

		Utf8Validator v = new Utf8Validator();
		boolean first = v.update(data, 1, at - 1);
		boolean second = v.update(data, at, data.length - at);
		assertThat(first && second && v.isComplete()).as("split at %d", at - 1).isEqualTo(expected);
		if (!first) {
			assertThat(second).as("rejection is sticky").isFalse();
		}

		// byte by byte: rejected exactly at the first byte that cannot start valid UTF-8
		v.reset();
		for (int i = 1; i < data.length; i++) {
			if (!v.update(data, i, 1)) {
				assertThat(referencePrefixOk(data, 1, i - 1)).as("prefix before the rejected byte").isTrue();
				return;
			}
		}
		assertThat(v.isComplete()).isEqualTo(expected);
	}

	private static boolean referenceValid(byte[] b, int off, int len) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(b, off, len));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	/**
	 * True when b[off, off+len) is valid UTF-8 possibly followed by one incomplete
	 * sequence.
	 */
	private static boolean referencePrefixOk(byte[] b, int off, int len) {
		for (int cut = 0; cut <= 3 && cut <= len; cut++) {
			if (referenceValid(b, off, len - cut)) {
				return true;
			}
		}
		return false;
	}

}
