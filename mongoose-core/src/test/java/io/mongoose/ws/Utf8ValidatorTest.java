package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8ValidatorTest {

	/** Markus Kuhn style table: description, bytes, valid. */
	static Stream<Arguments> table() {
		List<Arguments> rows = new ArrayList<>();
		// valid: samples and boundaries (Kuhn §1, §2.1-2.3)
		valid(rows, "empty", "");
		valid(rows, "ascii", "Hello, world");
		valid(rows, "kosme", "ce ba e1 bd b9 cf 83 ce bc ce b5");
		valid(rows, "U+0000", "00");
		valid(rows, "U+007F", "7f");
		valid(rows, "U+0080", "c2 80");
		valid(rows, "U+07FF", "df bf");
		valid(rows, "U+0800", "e0 a0 80");
		valid(rows, "U+D7FF", "ed 9f bf");
		valid(rows, "U+E000", "ee 80 80");
		valid(rows, "U+FFFD", "ef bf bd");
		valid(rows, "U+FFFF", "ef bf bf");
		valid(rows, "U+10000", "f0 90 80 80");
		valid(rows, "U+10FFFF", "f4 8f bf bf");
		valid(rows, "hello-euro-world", "48 65 6c 6c 6f e2 82 ac 77 6f 72 6c 64");
		// invalid: out of range (Kuhn §2.3.5, §3.x)
		invalid(rows, "U+110000", "f4 90 80 80");
		invalid(rows, "lead F5", "f5 80 80 80");
		invalid(rows, "5-byte", "f8 88 80 80 80");
		invalid(rows, "6-byte", "fc 84 80 80 80 80");
		invalid(rows, "FE", "fe");
		invalid(rows, "FF", "ff");
		// unexpected continuation bytes (§3.1)
		invalid(rows, "lone 80", "80");
		invalid(rows, "lone BF", "bf");
		invalid(rows, "two continuations", "80 bf");
		invalid(rows, "kosme + stray continuation", "ce ba e1 bd b9 cf 83 ce bc ce b5 80");
		// lonely start characters (§3.2)
		invalid(rows, "C0 then space", "c0 20");
		invalid(rows, "E0 then space", "e0 20");
		invalid(rows, "F0 then space", "f0 20");
		// truncated sequences at end (§3.3)
		invalid(rows, "truncated 2-byte", "c2");
		invalid(rows, "truncated 3-byte (1/3)", "e0");
		invalid(rows, "truncated 3-byte (2/3)", "e0 a0");
		invalid(rows, "truncated 4-byte (3/4)", "f0 90 80");
		invalid(rows, "truncated after valid", "48 65 f4 8f bf");
		// overlong forms (§4)
		invalid(rows, "overlong / 2-byte", "c0 af");
		invalid(rows, "overlong / 3-byte", "e0 80 af");
		invalid(rows, "overlong / 4-byte", "f0 80 80 af");
		invalid(rows, "overlong max 2-byte", "c1 bf");
		invalid(rows, "overlong max 3-byte", "e0 9f bf");
		invalid(rows, "overlong max 4-byte", "f0 8f bf bf");
		invalid(rows, "overlong NUL", "c0 80");
		// surrogates (§5)
		invalid(rows, "U+D800", "ed a0 80");
		invalid(rows, "U+DBFF", "ed af bf");
		invalid(rows, "U+DC00", "ed b0 80");
		invalid(rows, "U+DFFF", "ed bf bf");
		invalid(rows, "surrogate pair", "ed a0 80 ed b0 80");
		invalid(rows, "kosme + surrogate + edited (Autobahn 6.4)",
				"ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
		return rows.stream();
	}

	private static void valid(List<Arguments> rows, String name, String hexOrText) {
		rows.add(Arguments.of(name, bytes(hexOrText), true));
	}

	private static void invalid(List<Arguments> rows, String name, String hex) {
		rows.add(Arguments.of(name, bytes(hex), false));
	}

	/**
	 * Hex bytes separated by spaces, or plain text if it does not look like hex pairs.
	 */
	static byte[] bytes(String s) {
		if (s.isEmpty()) {
			return new byte[0];
		}
		if (!s.matches("([0-9a-f]{2})( [0-9a-f]{2})*")) {
			return s.getBytes(StandardCharsets.UTF_8);
		}
		String[] parts = s.split(" ");
		byte[] out = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			out[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		return out;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void wholeInput(String name, byte[] input, boolean valid) {
		assertThat(Utf8Validator.isValid(input, 0, input.length)).as(name).isEqualTo(valid);
		assertThat(jdkAccepts(input)).as("JDK agrees on " + name).isEqualTo(valid);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void splitAtEveryBoundary(String name, byte[] input, boolean valid) {
		for (int cut = 0; cut <= input.length; cut++) {
			Utf8Validator v = new Utf8Validator();
			boolean ok = v.update(input, 0, cut) && v.update(input, cut, input.length - cut) && v.isComplete();
			assertThat(ok).as(name + " split at " + cut).isEqualTo(valid);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void byteByByte(String name, byte[] input, boolean valid) {
		Utf8Validator v = new Utf8Validator();
		boolean ok = true;
		for (int i = 0; i < input.length && ok; i++) {
			ok = v.update(input, i, 1);
		}
		assertThat(ok && v.isComplete()).as(name).isEqualTo(valid);
	}

	@Test
	void failsFastAtTheFirstImpossibleByte() {
		byte[] input = bytes("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
		Utf8Validator v = new Utf8Validator();
		int rejectedAt = -1;
		for (int i = 0; i < input.length; i++) {
			if (!v.update(input, i, 1)) {
				rejectedAt = i;
				break;
			}
		}
		assertThat(rejectedAt).as("the A0 after ED is the first impossible byte").isEqualTo(12);
		assertThat(v.update(new byte[] { 'a' }, 0, 1)).as("rejection is sticky").isFalse();
		v.reset();
		assertThat(v.update(new byte[] { 'a' }, 0, 1)).isTrue();
		assertThat(v.isComplete()).isTrue();
	}

	@Test
	void openSequenceIsNotComplete() {
		Utf8Validator v = new Utf8Validator();
		assertThat(v.update(bytes("e2 82"), 0, 2)).isTrue();
		assertThat(v.isComplete()).isFalse();
		assertThat(v.update(bytes("ac"), 0, 1)).isTrue();
		assertThat(v.isComplete()).isTrue();
	}

	@Test
	void agreesWithJdkDecoderOnRandomInput() {
		Random random = new Random(6455);
		byte[] pool = bytes("00 41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 ff");
		for (int round = 0; round < 20_000; round++) {
			byte[] input = new byte[1 + random.nextInt(8)];
			for (int i = 0; i < input.length; i++) {
				input[i] = pool[random.nextInt(pool.length)];
			}
			int cut = random.nextInt(input.length + 1);
			Utf8Validator v = new Utf8Validator();
			boolean ok = v.update(input, 0, cut) && v.update(input, cut, input.length - cut) && v.isComplete();
			assertThat(ok).as("input %s", java.util.HexFormat.ofDelimiter(" ").formatHex(input))
				.isEqualTo(jdkAccepts(input));
		}
	}

	private static boolean jdkAccepts(byte[] input) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(input));
			return true;
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

}
