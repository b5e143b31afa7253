package io.mongoose.ws;

import static io.mongoose.ws.MessageAssembler.DELIVER;
import static io.mongoose.ws.MessageAssembler.NEED_MORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class MessageAssemblerTest {

	private static final int TEXT = WebSocketOpcodes.TEXT;

	private static final int BINARY = WebSocketOpcodes.BINARY;

	private static final int CONT = WebSocketOpcodes.CONTINUATION;

	private static final int FIN = WebSocketOpcodes.FLAG_FIN;

	private static final int PING = FIN | WebSocketOpcodes.PING;

	private static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void singleFrameMessageIsDeliveredAsIs() {
		MessageAssembler a = new MessageAssembler(true, 1000);
		byte[] p = utf8("hello");
		assertThat(a.onFrame(FIN | TEXT, p)).isEqualTo(DELIVER);
		assertThat(a.payload()).isSameAs(p);
		assertThat(a.firstByte()).isEqualTo(0x81);
		assertThat(a.opcode()).isEqualTo(TEXT);
		assertThat(a.fin()).isTrue();
		assertThat(a.inMessage()).isFalse();
	}

	@Test
	void reassemblesFragmentsWithInterleavedPings() {
		MessageAssembler a = new MessageAssembler(true, 1000);
		assertThat(a.onFrame(TEXT, utf8("frag"))).isEqualTo(NEED_MORE);
		assertThat(a.inMessage()).isTrue();
		assertThat(a.onFrame(PING, utf8("p1"))).isEqualTo(DELIVER);
		assertThat(a.firstByte()).isEqualTo(PING);
		assertThat(a.payload()).asString().isEqualTo("p1");
		assertThat(a.onFrame(CONT, utf8("men"))).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(FIN | WebSocketOpcodes.PONG, new byte[0])).isEqualTo(DELIVER);
		assertThat(a.onFrame(CONT, new byte[0])).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(FIN | CONT, utf8("ted"))).isEqualTo(DELIVER);
		assertThat(a.firstByte()).isEqualTo(FIN | TEXT);
		assertThat(a.payload()).asString().isEqualTo("fragmented");
		assertThat(a.inMessage()).isFalse();
		// and the next message starts cleanly
		assertThat(a.onFrame(FIN | BINARY, new byte[] { 1, 2 })).isEqualTo(DELIVER);
		assertThat(a.opcode()).isEqualTo(BINARY);
	}

	@Test
	void perFrameModeDeliversEveryFrameAfterTheSameChecks() {
		MessageAssembler a = new MessageAssembler(false, 1000);
		assertThat(a.onFrame(BINARY, new byte[] { 1 })).isEqualTo(DELIVER);
		assertThat(a.firstByte()).isEqualTo(BINARY);
		assertThat(a.messageOpcode()).isEqualTo(BINARY);
		assertThat(a.onFrame(PING, new byte[0])).isEqualTo(DELIVER);
		assertThat(a.onFrame(FIN | CONT, new byte[] { 2 })).isEqualTo(DELIVER);
		assertThat(a.firstByte()).isEqualTo(FIN | CONT);
		assertThat(a.messageOpcode()).isEqualTo(BINARY);
		assertThat(a.payload()).containsExactly(2);
		assertThat(a.onFrame(FIN | CONT, new byte[] { 3 })).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void continuationWithoutAMessageIsAProtocolError() {
		assertThat(new MessageAssembler(true, 1000).onFrame(FIN | CONT, utf8("x")))
			.isEqualTo(CloseCodes.PROTOCOL_ERROR);
		assertThat(new MessageAssembler(false, 1000).onFrame(CONT, utf8("x"))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void newDataFrameInsideAFragmentedMessageIsAProtocolError() {
		MessageAssembler a = new MessageAssembler(true, 1000);
		assertThat(a.onFrame(TEXT, utf8("a"))).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(FIN | TEXT, utf8("b"))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
		assertThat(a.onFrame(FIN | BINARY, utf8("c"))).as("sticky").isEqualTo(CloseCodes.PROTOCOL_ERROR);

		MessageAssembler b = new MessageAssembler(false, 1000);
		assertThat(b.onFrame(BINARY, utf8("a"))).isEqualTo(DELIVER);
		assertThat(b.onFrame(BINARY, utf8("b"))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void invalidUtf8FailsAtTheFragmentThatBreaksIt() {
		MessageAssembler a = new MessageAssembler(true, 1000);
		assertThat(a.onFrame(TEXT, Utf8ValidatorTest.bytes("ce ba e1 bd b9 cf 83 ce bc ce b5"))).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(CONT, Utf8ValidatorTest.bytes("f4 90 80 80"))).isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void truncatedUtf8AtTheEndOfTheMessageIsInvalid() {
		MessageAssembler a = new MessageAssembler(false, 1000);
		assertThat(a.onFrame(TEXT, Utf8ValidatorTest.bytes("41 e2 82"))).as("may still complete").isEqualTo(DELIVER);
		assertThat(a.onFrame(FIN | CONT, Utf8ValidatorTest.bytes("41"))).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		assertThat(new MessageAssembler(true, 1000).onFrame(FIN | TEXT, Utf8ValidatorTest.bytes("e2 82")))
			.isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void binaryIsNotValidated() {
		assertThat(new MessageAssembler(true, 1000).onFrame(FIN | BINARY, Utf8ValidatorTest.bytes("ff fe")))
			.isEqualTo(DELIVER);
	}

	@Test
	void messageOverTheLimitIsTooBig() {
		MessageAssembler a = new MessageAssembler(true, 10);
		assertThat(a.onFrame(BINARY, new byte[6])).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(PING, new byte[100])).as("control frames do not count").isEqualTo(DELIVER);
		assertThat(a.onFrame(CONT, new byte[4])).isEqualTo(NEED_MORE);
		assertThat(a.onFrame(FIN | CONT, new byte[1])).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);

		MessageAssembler exact = new MessageAssembler(false, 10);
		assertThat(exact.onFrame(BINARY, new byte[6])).isEqualTo(DELIVER);
		assertThat(exact.onFrame(FIN | CONT, new byte[4])).isEqualTo(DELIVER);
		assertThat(exact.onFrame(FIN | BINARY, new byte[11])).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
	}

	static Stream<Arguments> table() {
		return Utf8ValidatorTest.table().filter(args -> ((byte[]) args.get()[1]).length > 0);
	}

	/**
	 * Every table entry split into two or three text fragments at every pair of
	 * boundaries.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void utf8TablesSplitAcrossFragmentsAtEveryBoundary(String name, byte[] input, boolean valid) {
		for (boolean reassemble : new boolean[] { true, false }) {
			for (int c1 = 0; c1 <= input.length; c1++) {
				for (int c2 = c1; c2 <= input.length; c2++) {
					byte[][] parts = { Arrays.copyOfRange(input, 0, c1), Arrays.copyOfRange(input, c1, c2),
							Arrays.copyOfRange(input, c2, input.length) };
					MessageAssembler a = new MessageAssembler(reassemble, 1000);
					int result = 0;
					int failedAt = -1;
					for (int i = 0; i < 3; i++) {
						int bits = (i == 0 ? TEXT : CONT) | (i == 2 ? FIN : 0);
						result = a.onFrame(bits, parts[i]);
						if (result >= 1000) {
							failedAt = i;
							break;
						}
					}
					String where = name + " cut at " + c1 + "/" + c2 + (reassemble ? " reassembling" : " per frame");
					if (valid) {
						assertThat(result).as(where).isEqualTo(DELIVER);
						if (reassemble) {
							assertThat(a.payload()).as(where).isEqualTo(input);
						}
					}
					else {
						assertThat(result).as(where).isEqualTo(CloseCodes.INVALID_PAYLOAD);
						assertThat(failedAt).as(where + ": fails fast").isEqualTo(expectedFailingPart(input, c1, c2));
					}
				}
			}
		}
	}

	/**
	 * The fragment holding the first byte a byte-by-byte validator rejects, else the
	 * last.
	 */
	private static int expectedFailingPart(byte[] input, int c1, int c2) {
		Utf8Validator v = new Utf8Validator();
		for (int i = 0; i < input.length; i++) {
			if (!v.update(input, i, 1)) {
				return i < c1 ? 0 : i < c2 ? 1 : 2;
			}
		}
		return 2; // truncated: only the final fragment can tell
	}

}
