package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The head builder's numbers and header names, against the JDK's own formatting. */
class AsciiBufferTest {

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 9, 10, 15, 16, 99, 100, 255, 256, 4095, 4096, 65535, 1_000_000, Integer.MAX_VALUE,
			1L << 40, Long.MAX_VALUE, -1, -4096 })
	void numbersAreWrittenAsTheJdkWritesThem(long value) {
		assertThat(text(new AsciiBuffer().append(value))).isEqualTo(Long.toString(value));
		assertThat(text(new AsciiBuffer().appendHex(value))).isEqualTo(Long.toString(value, 16));
	}

	@Test
	void aNameWithADelimiterOrAControlCharacterIsNoToken() {
		AsciiBuffer.checkName("Content-Length");
		AsciiBuffer.checkName("X-a!#$%&'*+.^_`|~9");
		for (String bad : new String[] { "", "a b", "a:b", "a\tb", "a(b", "a\"b", "a{b", "a\u007fb", "é", "a/b" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> AsciiBuffer.checkName(bad))
				.withMessageContaining("is not a token");
		}
	}

	private static String text(AsciiBuffer buffer) {
		return new String(buffer.array(), 0, buffer.length(), StandardCharsets.US_ASCII);
	}

}
