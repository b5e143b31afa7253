package io.mongoose.ws;

import static io.mongoose.test.RawWebSocketClient.encodeFrame;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodesTest {

	private static final byte[] MASK = { 1, 2, 3, 4 };

	/** Autobahn 7.7.x valid codes, plus the IANA-registered 1012-1014. */
	@ParameterizedTest
	@ValueSource(
			ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
	void validOnWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isTrue();
		assertThat(ClosePayload.check(payload(code, "ok"))).isZero();
		assertThat(ClosePayload.code(payload(code, ""))).isEqualTo(code);
	}

	/** Autobahn 7.9.x invalid codes, plus the other local-only and out-of-range ones. */
	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void invalidOnWire(int code) {
		assertThat(CloseCodes.isValidOnWire(code)).isFalse();
		assertThat(ClosePayload.check(payload(code, ""))).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void emptyPayloadIsFineAndHasNoStatus() {
		assertThat(ClosePayload.check(new byte[0])).isZero();
		assertThat(ClosePayload.code(new byte[0])).isEqualTo(CloseCodes.NO_STATUS);
		assertThat(ClosePayload.reason(new byte[0])).isEmpty();
		assertThat(ClosePayload.reply(new byte[0])).isEmpty();
	}

	@Test
	void oneBytePayloadIsAProtocolError() {
		assertThat(ClosePayload.check(new byte[] { 0x03 })).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void reasonMustBeUtf8() {
		byte[] p = { 0x03, (byte) 0xe8, (byte) 0xce, (byte) 0xba, (byte) 0xed, (byte) 0xa0, (byte) 0x80 };
		assertThat(ClosePayload.check(p)).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		byte[] truncated = { 0x03, (byte) 0xe8, (byte) 0xe2, (byte) 0x82 };
		assertThat(ClosePayload.check(truncated)).isEqualTo(CloseCodes.INVALID_PAYLOAD);
		byte[] good = payload(1000, "κόσμε");
		assertThat(ClosePayload.check(good)).isZero();
		assertThat(ClosePayload.reason(good)).isEqualTo("κόσμε");
	}

	@Test
	void replyEchoesTheCodeWithoutReason() {
		assertThat(ClosePayload.reply(payload(4001, "bye"))).containsExactly(0x0f, 0xa1);
	}

	@Test
	void closeWith123ByteReasonIsAcceptedAnd124IsAProtocolError() {
		byte[] ok = payload(1000, "a".repeat(123));
		assertThat(ok).hasSize(125);
		FrameDecoder d = new FrameDecoder(1 << 16);
		byte[] wire = encodeFrame(0x88, ok, MASK, false);
		assertThat(d.decode(wire, 0, wire.length)).isEqualTo(wire.length);
		assertThat(d.hasFrame()).isTrue();
		assertThat(ClosePayload.check(d.payload())).isZero();

		byte[] tooLong = payload(1000, "a".repeat(124));
		assertThat(tooLong).hasSize(126);
		FrameDecoder e = new FrameDecoder(1 << 16);
		byte[] bad = encodeFrame(0x88, tooLong, MASK, false);
		e.decode(bad, 0, bad.length);
		assertThat(e.hasError()).isTrue();
		assertThat(e.errorCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	private static byte[] payload(int code, String reason) {
		byte[] r = reason.getBytes(StandardCharsets.UTF_8);
		byte[] p = new byte[2 + r.length];
		p[0] = (byte) (code >>> 8);
		p[1] = (byte) code;
		System.arraycopy(r, 0, p, 2, r.length);
		return p;
	}

}
