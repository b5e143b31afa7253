package io.mongoose.ws;

import static io.mongoose.test.RawWebSocketClient.encodeFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

	private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private static byte[] payload(int n) {
		byte[] p = new byte[n];
		new Random(n).nextBytes(p);
		return p;
	}

	@Test
	void decodesTheRfcMaskedHelloExample() {
		// RFC 6455 §5.7: a single-frame masked text message "Hello"
		byte[] wire = { (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58 };
		FrameDecoder d = new FrameDecoder(1 << 20);
		assertThat(d.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(d.hasFrame()).isTrue();
		assertThat(d.hasError()).isFalse();
		assertThat(d.fin()).isTrue();
		assertThat(d.rsv()).isZero();
		assertThat(d.opcode()).isEqualTo(WebSocketOpcodes.TEXT);
		assertThat(d.firstByte()).isEqualTo(0x81);
		assertThat(d.payload()).asString().isEqualTo("Hello");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 125, 126, 127, 65535, 65536, 70000 })
	void roundTripsEveryLengthEncodingWholeAndByteByByte(int n) {
		byte[] p = payload(n);
		byte[] wire = encodeFrame(0x82, p, MASK, false);
		assertThat(wire.length - n).isEqualTo(n <= 125 ? 6 : n <= 65535 ? 8 : 14);

		FrameDecoder whole = new FrameDecoder(1 << 20);
		assertThat(whole.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(whole.hasFrame()).isTrue();
		assertThat(whole.payload()).isEqualTo(p);

		FrameDecoder single = new FrameDecoder(1 << 20);
		for (int i = 0; i < wire.length; i++) {
			assertThat(single.hasFrame()).as("frame complete too early at byte %d", i).isFalse();
			assertThat(single.decode(wire, i, 1)).isEqualTo(1);
		}
		assertThat(single.hasFrame()).isTrue();
		assertThat(single.payload()).isEqualTo(p);
		assertThat(single.opcode()).isEqualTo(WebSocketOpcodes.BINARY);
	}

	@Test
	void payloadIsAllocatedAsItArrivesEachGrowthGrantedFirst() {
		byte[] p = payload(100_000);
		byte[] wire = encodeFrame(0x82, p, MASK, false);
		long[] granted = new long[1];
		FrameDecoder d = new FrameDecoder(1 << 24, bytes -> {
			granted[0] += bytes;
			return 0;
		});
		assertThat(d.decode(wire, 0, 14)).isEqualTo(14);
		assertThat(granted[0]).as("a header alone").isZero();
		assertThat(d.decode(wire, 14, 20_000)).isEqualTo(20_000);
		assertThat(granted[0]).isBetween(20_000L, 40_000L);
		assertThat(d.decode(wire, 20_014, wire.length - 20_014)).isEqualTo(wire.length - 20_014);
		assertThat(d.payload()).isEqualTo(p);
		assertThat(granted[0]).as("exactly the frame in the end").isEqualTo(100_000);

		FrameDecoder refused = new FrameDecoder(1 << 24, bytes -> bytes > 1024 ? CloseCodes.POLICY_VIOLATION : 0);
		refused.decode(wire, 0, wire.length);
		assertThat(refused.hasError()).isTrue();
		assertThat(refused.errorCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
	}

	@Test
	void acceptsNonMinimalLengthEncoding() {
		byte[] p = payload(10);
		FrameDecoder d = new FrameDecoder(1000);
		byte[] wire = encodeFrame(0x82, p, MASK, true);
		assertThat(d.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(d.payload()).isEqualTo(p);
	}

	@Test
	void consumesOneFrameAtATimeFromRandomChunks() {
		Random random = new Random(42);
		byte[][] payloads = { payload(3), payload(0), payload(300), payload(125), payload(70000), payload(1) };
		java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
		for (byte[] p : payloads) {
			byte[] mask = new byte[4];
			random.nextBytes(mask);
			stream.writeBytes(encodeFrame(0x82, p, mask, false));
		}
		stream.writeBytes(encodeFrame(0x89, "ping".getBytes(), MASK, false));
		byte[] wire = stream.toByteArray();

		FrameDecoder d = new FrameDecoder(1 << 20);
		int frames = 0;
		int pos = 0;
		while (pos < wire.length) {
			int chunkEnd = Math.min(wire.length, pos + 1 + random.nextInt(400));
			while (pos < chunkEnd) { // the caller's loop: feed the rest of the chunk
										// until used up
				int n = d.decode(wire, pos, chunkEnd - pos);
				pos += n;
				assertThat(d.hasError()).isFalse();
				if (d.hasFrame()) {
					if (frames < payloads.length) {
						assertThat(d.payload()).as("frame %d", frames).isEqualTo(payloads[frames]);
					}
					else {
						assertThat(d.opcode()).isEqualTo(WebSocketOpcodes.PING);
						assertThat(d.payload()).asString().isEqualTo("ping");
					}
					frames++;
				}
				else {
					assertThat(pos).as("without a frame, the whole chunk is consumed").isEqualTo(chunkEnd);
				}
			}
		}
		assertThat(frames).isEqualTo(payloads.length + 1);
	}

	@Test
	void stopsAtTheEndOfAFrame() {
		byte[] a = encodeFrame(0x81, "ab".getBytes(), MASK, false);
		byte[] b = encodeFrame(0x81, "cd".getBytes(), MASK, false);
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		FrameDecoder d = new FrameDecoder(1000);
		assertThat(d.decode(both, 0, both.length)).isEqualTo(a.length);
		assertThat(d.payload()).asString().isEqualTo("ab");
		assertThat(d.decode(both, a.length, b.length)).isEqualTo(b.length);
		assertThat(d.payload()).asString().isEqualTo("cd");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x40, 0x20, 0x10, 0x70 })
	void rsvBitsAreAProtocolErrorAtTheFirstByte(int rsv) {
		assertFailsAfter(new byte[] { (byte) (0x81 | rsv) }, CloseCodes.PROTOCOL_ERROR);
	}

	@ParameterizedTest
	@ValueSource(ints = { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
	void reservedOpcodesAreAProtocolError(int opcode) {
		assertFailsAfter(new byte[] { (byte) (0x80 | opcode) }, CloseCodes.PROTOCOL_ERROR);
	}

	@ParameterizedTest
	@ValueSource(ints = { WebSocketOpcodes.CLOSE, WebSocketOpcodes.PING, WebSocketOpcodes.PONG })
	void fragmentedControlFrameIsAProtocolError(int opcode) {
		assertFailsAfter(new byte[] { (byte) opcode }, CloseCodes.PROTOCOL_ERROR);
	}

	@ParameterizedTest
	@ValueSource(ints = { WebSocketOpcodes.CLOSE, WebSocketOpcodes.PING, WebSocketOpcodes.PONG })
	void controlFrameOver125IsAProtocolErrorBeforeItsLength(int opcode) {
		assertFailsAfter(new byte[] { (byte) (0x80 | opcode), (byte) (0x80 | 126) }, CloseCodes.PROTOCOL_ERROR);
		assertFailsAfter(new byte[] { (byte) (0x80 | opcode), (byte) (0x80 | 127) }, CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void controlFrameOf125IsAccepted() {
		byte[] wire = encodeFrame(0x89, payload(125), MASK, false);
		FrameDecoder d = new FrameDecoder(125);
		assertThat(d.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(d.hasFrame()).isTrue();
	}

	@Test
	void unmaskedClientFrameIsAProtocolError() {
		assertFailsAfter(new byte[] { (byte) 0x81, 0x05 }, CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void sixtyFourBitLengthWithTopBitIsAProtocolError() {
		byte[] header = { (byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4 };
		assertFailsAfter(header, CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void frameOverMaxSizeIsTooBigBeforeAnyPayload() {
		byte[] wire = encodeFrame(0x82, payload(1001), MASK, false);
		FrameDecoder d = new FrameDecoder(1000);
		int headerOnly = 8; // 2 + 16-bit length + mask
		assertThat(d.decode(wire, 0, wire.length)).isEqualTo(headerOnly);
		assertThat(d.hasError()).isTrue();
		assertThat(d.errorCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);

		FrameDecoder exact = new FrameDecoder(1001);
		assertThat(exact.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(exact.hasFrame()).isTrue();
	}

	@Test
	void hugeSixtyFourBitLengthIsTooBig() {
		byte[] header = { (byte) 0x82, (byte) (0x80 | 127), 0x7f, (byte) 0xff, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 };
		assertFailsAfter(header, CloseCodes.MESSAGE_TOO_BIG);
	}

	@Test
	void errorsAreSticky() {
		FrameDecoder d = new FrameDecoder(1000);
		d.decode(new byte[] { (byte) 0xC1 }, 0, 1);
		byte[] good = encodeFrame(0x81, "x".getBytes(), MASK, false);
		assertThat(d.decode(good, 0, good.length)).isZero();
		assertThat(d.hasError()).isTrue();
		assertThat(d.hasFrame()).isFalse();
		assertThat(d.errorCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void incompleteInputConsumesEverythingWithoutAFrame() {
		byte[] wire = encodeFrame(0x81, "hello".getBytes(), MASK, false);
		FrameDecoder d = new FrameDecoder(1000);
		assertThat(d.decode(wire, 0, 9)).isEqualTo(9);
		assertThat(d.hasFrame()).isFalse();
		assertThat(d.hasError()).isFalse();
		assertThat(d.errorCode()).isZero();
		assertThat(d.decode(wire, 9, wire.length - 9)).isEqualTo(wire.length - 9);
		assertThat(d.payload()).asString().isEqualTo("hello");
	}

	@Test
	void rejectsAMaxFrameSizeThatCannotHoldAControlFrame() {
		assertThatThrownBy(() -> new FrameDecoder(124)).isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * Feeds {@code bytes} one at a time; the error must appear exactly at the last byte.
	 */
	private static void assertFailsAfter(byte[] bytes, int code) {
		FrameDecoder d = new FrameDecoder(1 << 20);
		for (int i = 0; i < bytes.length - 1; i++) {
			assertThat(d.decode(bytes, i, 1)).isEqualTo(1);
			assertThat(d.hasError()).as("error too early, at byte %d", i).isFalse();
		}
		d.decode(bytes, bytes.length - 1, 1);
		assertThat(d.hasError()).as("error at the last header byte").isTrue();
		assertThat(d.hasFrame()).isFalse();
		assertThat(d.errorCode()).isEqualTo(code);
	}

}
