package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.test.RawWebSocketClient;

class FrameEncoderTest {

	@Test
	void encodesTheRfcUnmaskedHelloExample() {
		byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
		assertThat(FrameEncoder.encode(WebSocketOpcodes.TEXT, hello, 0, 5)).containsExactly(0x81, 0x05, 0x48, 0x65,
				0x6c, 0x6c, 0x6f);
	}

	@ParameterizedTest
	@CsvSource({ "0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10", "4294967296, 10" })
	void headerLength(long payloadLength, int expected) {
		assertThat(FrameEncoder.headerLength(payloadLength)).isEqualTo(expected);
	}

	@Test
	void headerBytesForEachLengthForm() {
		byte[] h = new byte[12];
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.BINARY, true, 0)).isEqualTo(2);
		assertThat(slice(h, 1, 2)).containsExactly(0x82, 0);
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.TEXT, false, 125)).isEqualTo(2);
		assertThat(slice(h, 1, 2)).containsExactly(0x01, 125);
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.BINARY, true, 126)).isEqualTo(4);
		assertThat(slice(h, 1, 4)).containsExactly(0x82, 126, 0, 126);
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.BINARY, true, 65535)).isEqualTo(4);
		assertThat(slice(h, 1, 4)).containsExactly(0x82, 126, 0xff, 0xff);
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.CONTINUATION, true, 65536)).isEqualTo(10);
		assertThat(slice(h, 1, 10)).containsExactly(0x80, 127, 0, 0, 0, 0, 0, 1, 0, 0);
		assertThat(FrameEncoder.writeHeader(h, 1, WebSocketOpcodes.BINARY, true, 0x0102030405060708L)).isEqualTo(10);
		assertThat(slice(h, 1, 10)).containsExactly(0x82, 127, 1, 2, 3, 4, 5, 6, 7, 8);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536 })
	void roundTripsThroughAStrictClientReader(int n) throws IOException {
		byte[] payload = new byte[n + 6];
		new Random(n).nextBytes(payload);
		byte[] frame = FrameEncoder.encode(WebSocketOpcodes.BINARY, payload, 3, n);
		assertThat(frame).hasSize(FrameEncoder.headerLength(n) + n);
		RawWebSocketClient.Frame read = RawWebSocketClient.readServerFrame(new ByteArrayInputStream(frame));
		assertThat(read.fin()).isTrue();
		assertThat(read.opcode()).isEqualTo(WebSocketOpcodes.BINARY);
		assertThat(read.payload()).isEqualTo(java.util.Arrays.copyOfRange(payload, 3, 3 + n));
	}

	@Test
	void refusesOversizedOrFragmentedControlFrames() {
		assertThatThrownBy(() -> FrameEncoder.encode(WebSocketOpcodes.PING, new byte[126], 0, 126))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> FrameEncoder.writeHeader(new byte[2], 0, WebSocketOpcodes.PONG, false, 0))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(FrameEncoder.encode(WebSocketOpcodes.PING, new byte[125], 0, 125)).hasSize(127);
		assertThatThrownBy(() -> FrameEncoder.headerLength(-1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void closePayloadCarriesCodeAndReason() {
		assertThat(FrameEncoder.closePayload(1000, "")).containsExactly(0x03, 0xe8);
		assertThat(FrameEncoder.closePayload(4999, null)).containsExactly(0x13, 0x87);
		byte[] p = FrameEncoder.closePayload(CloseCodes.GOING_AWAY, "bye");
		assertThat(p).containsExactly(0x03, 0xe9, 'b', 'y', 'e');
	}

	@Test
	void closeReasonIsTruncatedTo123Bytes() {
		String r123 = "r".repeat(123);
		assertThat(FrameEncoder.closePayload(1000, r123)).hasSize(125);
		byte[] cut = FrameEncoder.closePayload(1000, r123 + "s");
		assertThat(cut).hasSize(125);
		assertThat(new String(cut, 2, 123, StandardCharsets.UTF_8)).isEqualTo(r123);
	}

	@Test
	void closeReasonIsCutAtACharacterBoundary() {
		String reason = "é".repeat(61) + "€"; // 122 bytes + 3 bytes
		byte[] p = FrameEncoder.closePayload(1000, reason);
		assertThat(p).hasSize(124);
		assertThat(Utf8Validator.isValid(p, 2, p.length - 2)).isTrue();
		assertThat(new String(p, 2, p.length - 2, StandardCharsets.UTF_8)).isEqualTo("é".repeat(61));
		String four = "a" + "😀".repeat(31); // 1 + 124 bytes: keep 1 + 30 * 4 = 121
		byte[] q = FrameEncoder.closePayload(1000, four);
		assertThat(q).hasSize(2 + 121);
		assertThat(Utf8Validator.isValid(q, 2, q.length - 2)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000 })
	void closePayloadRefusesCodesThatMayNotBeSent(int code) {
		assertThatThrownBy(() -> FrameEncoder.closePayload(code, "x")).isInstanceOf(IllegalArgumentException.class);
	}

	private static int[] slice(byte[] b, int off, int len) {
		int[] out = new int[len];
		for (int i = 0; i < len; i++) {
			out[i] = b[off + i] & 0xFF;
		}
		return out;
	}

}
