package io.mongoose.ws;

import java.nio.charset.StandardCharsets;

/**
 * Encodes frames; server-to-client ones are never masked (RFC 6455 §5.1), the client's
 * are ({@link #encodeMasked}). Shortest length form (§5.2: 7-bit up to 125, 16-bit up to
 * 65535, 64-bit beyond). Header and payload can be written separately so the caller may
 * gather them without copying the payload.
 */
final class FrameEncoder {

	/** Largest control-frame payload, and so the largest close payload (§5.5). */
	static final int MAX_CONTROL_PAYLOAD = 125;

	private FrameEncoder() {
	}

	/** Bytes of the header for a payload of this length: 2, 4 or 10. */
	static int headerLength(long payloadLength) {
		if (payloadLength < 0) {
			throw new IllegalArgumentException("negative payload length " + payloadLength);
		}
		return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
	}

	/**
	 * Writes an unmasked header at {@code dst[off]}.
	 * @return bytes written ({@link #headerLength(long)})
	 */
	static int writeHeader(byte[] dst, int off, int opcode, boolean fin, long payloadLength) {
		int n = headerLength(payloadLength);
		if (WebSocketOpcodes.isControl(opcode) && (payloadLength > MAX_CONTROL_PAYLOAD || !fin)) {
			throw new IllegalArgumentException("control frame must be final with at most 125 bytes, got opcode "
					+ opcode + " fin=" + fin + " length=" + payloadLength);
		}
		dst[off] = (byte) ((fin ? WebSocketOpcodes.FLAG_FIN : 0) | (opcode & WebSocketOpcodes.MASK_OPCODE));
		if (n == 2) {
			dst[off + 1] = (byte) payloadLength;
		}
		else if (n == 4) {
			dst[off + 1] = 126;
			dst[off + 2] = (byte) (payloadLength >>> 8);
			dst[off + 3] = (byte) payloadLength;
		}
		else {
			dst[off + 1] = 127;
			for (int i = 0; i < 8; i++) {
				dst[off + 2 + i] = (byte) (payloadLength >>> (56 - 8 * i));
			}
		}
		return n;
	}

	/**
	 * One client-to-server frame: the header with the mask bit and {@code mask} (4
	 * bytes), then {@code payload[off, off+len)} masked with it (§5.3).
	 */
	static byte[] encodeMasked(int opcode, boolean fin, byte[] payload, int off, int len, byte[] mask) {
		int h = headerLength(len);
		byte[] frame = new byte[h + 4 + len];
		writeHeader(frame, 0, opcode, fin, len);
		frame[1] |= (byte) 0x80;
		System.arraycopy(mask, 0, frame, h, 4);
		for (int i = 0; i < len; i++) {
			frame[h + 4 + i] = (byte) (payload[off + i] ^ mask[i & 3]);
		}
		return frame;
	}

	/** One final, unmasked frame with a copy of {@code payload[off, off+len)}. */
	static byte[] encode(int opcode, byte[] payload, int off, int len) {
		byte[] frame = new byte[headerLength(len) + len];
		int h = writeHeader(frame, 0, opcode, true, len);
		System.arraycopy(payload, off, frame, h, len);
		return frame;
	}

	/**
	 * Payload of a close frame: the 2-byte code, then the reason as UTF-8, cut at a
	 * character boundary so the whole payload fits the 125-byte control limit.
	 * @throws IllegalArgumentException if the code may not be sent
	 * ({@link CloseCodes#isValidOnWire})
	 */
	static byte[] closePayload(int code, String reason) {
		if (!CloseCodes.isValidOnWire(code)) {
			throw new IllegalArgumentException("close code " + code + " may not be sent on the wire");
		}
		byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
		int n = Math.min(text.length, MAX_CONTROL_PAYLOAD - 2);
		while (n < text.length && n > 0 && (text[n] & 0xC0) == 0x80) {
			n--; // text[n] continues a character: cut before that character starts
		}
		byte[] out = new byte[2 + n];
		out[0] = (byte) (code >>> 8);
		out[1] = (byte) code;
		System.arraycopy(text, 0, out, 2, n);
		return out;
	}

}
