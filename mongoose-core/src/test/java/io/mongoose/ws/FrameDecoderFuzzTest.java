package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WebSocket frame decoding (client-to-server, masked) and message reassembly.
 */
class FrameDecoderFuzzTest {

	private static final int MAX_FRAME = 1024;

	private static final int MAX_MESSAGE = 4096;

	/**
	 * Arbitrary bytes. Byte 0: bits 0-5 chunk size (0 = all at once), bit 7 reassembly
	 * mode. Never consumes more than given, never allocates over the limit, always makes
	 * progress, and the assembler only answers with its documented codes.
	 */
	@FuzzTest(maxDuration = "60s")
	void arbitraryBytes(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int step = data[0] & 0x3F;
		boolean reassemble = (data[0] & 0x80) != 0;
		FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
		MessageAssembler assembler = new MessageAssembler(reassemble, MAX_MESSAGE);
		int pos = 1;
		int limit = 1;
		int rounds = 0;
		while (pos < data.length) {
			limit = step == 0 ? data.length : Math.min(data.length, Math.max(limit, pos) + step);
			while (pos < limit) {
				check(++rounds < 10 * data.length + 10, "bounded work");
				int given = limit - pos;
				int consumed = decoder.decode(data, pos, given);
				check(consumed >= 0 && consumed <= given, "consumed within what was given");
				pos += consumed;
				if (decoder.hasError()) {
					assertThat(decoder.errorCode()).isIn(CloseCodes.PROTOCOL_ERROR, CloseCodes.MESSAGE_TOO_BIG);
					assertThat(decoder.decode(data, pos, limit - pos)).as("errors are sticky").isZero();
					return;
				}
				if (decoder.hasFrame()) {
					assertThat(decoder.payload().length).isLessThanOrEqualTo(MAX_FRAME);
					assertThat(decoder.rsv()).isZero();
					int r = assembler.onFrame(decoder.firstByte(), decoder.payload());
					assertThat(r).isIn(MessageAssembler.NEED_MORE, MessageAssembler.DELIVER, CloseCodes.PROTOCOL_ERROR,
							CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG);
					if (r == MessageAssembler.DELIVER) {
						checkDelivered(assembler, reassemble);
					}
					else if (r != MessageAssembler.NEED_MORE) {
						return;
					}
				}
				else {
					check(consumed == given, "need-more consumes everything");
				}
			}
		}
	}

	private static void checkDelivered(MessageAssembler a, boolean reassemble) {
		byte[] p = a.payload();
		if (WebSocketOpcodes.isControl(a.opcode())) {
			assertThat(p.length).isLessThanOrEqualTo(125);
			return;
		}
		if (reassemble) {
			assertThat(a.fin()).isTrue();
			assertThat(p.length).isLessThanOrEqualTo(MAX_MESSAGE);
			if (a.opcode() == WebSocketOpcodes.TEXT) {
				assertThat(Utf8Validator.isValid(p, 0, p.length)).as("delivered text is UTF-8").isTrue();
			}
		}
	}

	/**
	 * Valid masked frames built from the input, fed in fuzzer-chosen chunks: each one
	 * must come out with its opcode, FIN and unmasked payload. Input: byte 0 = chunk
	 * size, then per frame [flags][length][4 mask bytes][payload...] (payloads over 125
	 * bytes use the 16-bit form, and flag bit 6 forces the 64-bit form).
	 */
	@FuzzTest(maxDuration = "60s")
	void maskedFrames(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int step = data[0] & 0xFF;
		List<int[]> heads = new ArrayList<>();
		List<byte[]> payloads = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		int p = 1;
		while (p + 6 <= data.length) {
			int flags = data[p] & 0xFF;
			int opcode = new int[] { 0, 1, 2, 8, 9, 10 }[(flags & 0x0F) % 6];
			boolean fin = WebSocketOpcodes.isControl(opcode) || (flags & 0x80) != 0;
			int len = (data[p + 1] & 0xFF) * (WebSocketOpcodes.isControl(opcode) ? 1 : 1 + ((flags >> 4) & 3));
			if (WebSocketOpcodes.isControl(opcode)) {
				len = Math.min(len, 125);
			}
			byte[] mask = Arrays.copyOfRange(data, p + 2, p + 6);
			p += 6;
			byte[] payload = new byte[len];
			for (int i = 0; i < len; i++) {
				payload[i] = data[(p + i) % data.length];
			}
			p += Math.min(len, data.length - p);
			wire.write((fin ? 0x80 : 0) | opcode);
			boolean longForm = (flags & 0x40) != 0 && !WebSocketOpcodes.isControl(opcode);
			if (longForm) {
				wire.write(0x80 | 127);
				for (int s = 56; s >= 0; s -= 8) {
					wire.write((int) ((long) len >>> s) & 0xFF);
				}
			}
			else if (len > 125) {
				wire.write(0x80 | 126);
				wire.write(len >> 8);
				wire.write(len & 0xFF);
			}
			else {
				wire.write(0x80 | len);
			}
			wire.write(mask, 0, 4);
			for (int i = 0; i < len; i++) {
				wire.write(payload[i] ^ mask[i & 3]);
			}
			heads.add(new int[] { opcode, fin ? 1 : 0 });
			payloads.add(payload);
		}
		byte[] bytes = wire.toByteArray();
		FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
		int frame = 0;
		int pos = 0;
		while (pos < bytes.length) {
			int limit = step == 0 ? bytes.length : Math.min(bytes.length, pos + step);
			int consumed = decoder.decode(bytes, pos, limit - pos);
			assertThat(consumed).isBetween(0, limit - pos);
			assertThat(decoder.hasError()).as("valid frame %d rejected", frame).isFalse();
			pos += consumed;
			if (decoder.hasFrame()) {
				assertThat(decoder.opcode()).isEqualTo(heads.get(frame)[0]);
				assertThat(decoder.fin()).isEqualTo(heads.get(frame)[1] == 1);
				assertThat(decoder.payload()).isEqualTo(payloads.get(frame));
				frame++;
			}
		}
		assertThat(frame).isEqualTo(heads.size());
	}

	private static void check(boolean ok, String what) {
		if (!ok) {
			throw new AssertionError(what);
		}
	}

}
