package io.mongoose.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Incremental decoder of client-to-server frames (RFC 6455 §5.2).
 *
 * <p>
 * The caller feeds whatever bytes it has; the decoder consumes the header byte by byte
 * and copies (unmasking) the payload into an array, so the caller's receive buffer never
 * has to hold a whole frame. Each header byte is checked the moment it arrives, so a bad
 * or oversized frame is refused before any of its payload is buffered. The payload array
 * grows (doubling, each growth granted by a {@link BufferGrant} first) as bytes arrive
 * and ends at exactly the announced size: a header alone announcing a big frame costs
 * nothing. The decoder consumes at most one frame per call and is itself the view of the
 * decoded frame: after {@link #hasFrame()} the accessors describe it until the next
 * {@code decode} call. Errors are sticky: the connection must be failed with
 * {@link #errorCode()}.
 */
final class FrameDecoder {

	/** Big-endian 8-byte view of byte arrays, for unmasking a word at a time. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final byte[] EMPTY = new byte[0];

	private static final int HEADER = 0;

	private static final int PAYLOAD = 1;

	private static final int DONE = 2;

	private static final int FAILED = 3;

	/** First payload array of a frame that arrives in pieces; then it doubles. */
	private static final int MIN_GROWTH = 1024;

	private final long maxFrameSize;

	private final BufferGrant grant;

	/**
	 * Frames must be masked (a server reading a client) or must not be (a client reading
	 * a server, §5.1).
	 */
	private final boolean masked;

	/** Header bytes so far: 2 fixed, up to 8 extended length, 4 mask. */
	private final byte[] header = new byte[14];

	private int headerLength;

	private int headerNeeded = 2;

	private int state = HEADER;

	private int errorCode;

	private int firstByte;

	private int maskOffset;

	private byte[] payload = EMPTY;

	private int payloadLength;

	private int payloadFilled;

	/** permessage-deflate was negotiated: RSV1 may mark a data message's first frame. */
	private boolean compressed;

	/**
	 * @param maxFrameSize largest payload accepted in one frame; bigger frames fail with
	 * 1009 before their payload is read
	 */
	FrameDecoder(int maxFrameSize) {
		this(maxFrameSize, BufferGrant.UNLIMITED);
	}

	/**
	 * @param grant asked before the payload array grows; a refusal fails the frame with
	 * the grant's close code
	 */
	FrameDecoder(int maxFrameSize, BufferGrant grant) {
		this(maxFrameSize, grant, true);
	}

	/**
	 * @param masked false to decode server-to-client frames, which must not be masked
	 */
	FrameDecoder(int maxFrameSize, BufferGrant grant, boolean masked) {
		if (maxFrameSize < 125) {
			throw new IllegalArgumentException(
					"maxFrameSize must be at least 125 (a full control frame), got " + maxFrameSize);
		}
		this.maxFrameSize = maxFrameSize;
		this.grant = grant;
		this.masked = masked;
	}

	/**
	 * Consumes bytes of the current frame from {@code buf[off, off+len)}, never past its
	 * end.
	 * @return how many bytes were consumed; the caller drops them and calls again with
	 * the rest after handling {@link #hasFrame()} or {@link #hasError()}. A return of
	 * {@code len} without a frame means "need more bytes".
	 */
	int decode(byte[] buf, int off, int len) {
		if (state == FAILED) {
			return 0;
		}
		if (state == DONE) {
			startNextFrame();
		}
		int pos = off;
		int end = off + len;
		while (state == HEADER && pos < end) {
			header[headerLength++] = buf[pos++];
			if (headerLength == 1) {
				checkFirstByte();
			}
			else if (headerLength == 2) {
				checkSecondByte();
			}
			if (state == HEADER && headerLength == headerNeeded) {
				finishHeader();
			}
		}
		if (state == PAYLOAD && pos < end) {
			pos += copyPayload(buf, pos, end - pos);
		}
		return pos - off;
	}

	/**
	 * Accepts RSV1 on the first frame of a data message from now on (permessage-deflate
	 * negotiated, RFC 7692 §6); RSV1 stays a protocol error on control and continuation
	 * frames, RSV2 and RSV3 always are.
	 */
	void acceptCompressed() {
		this.compressed = true;
	}

	/** A complete frame is available through the accessors. */
	boolean hasFrame() {
		return state == DONE;
	}

	/**
	 * The stream violated the protocol; fail the connection with {@link #errorCode()}.
	 */
	boolean hasError() {
		return state == FAILED;
	}

	/** Close code for the violation (1002 or 1009), or 0 when there is none. */
	int errorCode() {
		return errorCode;
	}

	/**
	 * First header byte as received: FIN, RSV and opcode, handed to handlers as
	 * {@code wsBits}.
	 */
	int firstByte() {
		return firstByte;
	}

	boolean fin() {
		return (firstByte & WebSocketOpcodes.FLAG_FIN) != 0;
	}

	int rsv() {
		return (firstByte & WebSocketOpcodes.MASK_RSV) >> 4;
	}

	int opcode() {
		return firstByte & WebSocketOpcodes.MASK_OPCODE;
	}

	/** Unmasked payload of the current frame; a fresh array per frame, safe to keep. */
	byte[] payload() {
		return payload;
	}

	private void startNextFrame() {
		headerLength = 0;
		headerNeeded = 2;
		payload = EMPTY;
		payloadLength = 0;
		payloadFilled = 0;
		firstByte = 0;
		state = HEADER;
	}

	private void checkFirstByte() {
		int b = header[0] & 0xFF;
		firstByte = b;
		int opcode = b & WebSocketOpcodes.MASK_OPCODE;
		int rsv = b & WebSocketOpcodes.MASK_RSV;
		boolean rsvAllowed = rsv == 0 || (rsv == WebSocketOpcodes.FLAG_RSV1 && compressed
				&& (opcode == WebSocketOpcodes.TEXT || opcode == WebSocketOpcodes.BINARY));
		if (!rsvAllowed // only an extension defines RSV bits (§5.2, RFC 7692 §6.1)
				|| !WebSocketOpcodes.isDefined(opcode)
				|| (WebSocketOpcodes.isControl(opcode) && (b & WebSocketOpcodes.FLAG_FIN) == 0)) { // §5.5
			fail(CloseCodes.PROTOCOL_ERROR);
		}
	}

	private void checkSecondByte() {
		int b = header[1] & 0xFF;
		if (((b & 0x80) != 0) != this.masked) { // clients mask, servers do not (§5.1)
			fail(CloseCodes.PROTOCOL_ERROR);
			return;
		}
		int len7 = b & 0x7F;
		if (len7 > 125 && WebSocketOpcodes.isControl(opcode())) { // control payload <=
																	// 125 (§5.5)
			fail(CloseCodes.PROTOCOL_ERROR);
			return;
		}
		headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (this.masked ? 4 : 0);
	}

	private void finishHeader() {
		int len7 = header[1] & 0x7F;
		long length;
		if (len7 == 126) {
			length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
		}
		else if (len7 == 127) {
			length = 0;
			for (int i = 2; i < 10; i++) {
				length = (length << 8) | (header[i] & 0xFFL);
			}
			if (length < 0) { // most significant bit must be 0 (§5.2)
				fail(CloseCodes.PROTOCOL_ERROR);
				return;
			}
		}
		else {
			length = len7;
		}
		if (length > maxFrameSize) {
			fail(CloseCodes.MESSAGE_TOO_BIG);
			return;
		}
		// unmasked: header[10, 14) is never written, so its zeros unmask nothing
		maskOffset = this.masked ? headerNeeded - 4 : 10;
		payload = EMPTY;
		payloadLength = (int) length;
		payloadFilled = 0;
		state = length == 0 ? DONE : PAYLOAD;
	}

	private int copyPayload(byte[] buf, int off, int available) {
		int n = Math.min(available, payloadLength - payloadFilled);
		if (payloadFilled + n > payload.length && !grow(payloadFilled + n)) {
			return 0;
		}
		byte[] dst = payload;
		byte[] h = header;
		int m = maskOffset;
		int j = payloadFilled;
		int i = 0;
		// bytes until j is a multiple of 4, so the mask lines up with 8-byte words
		for (; i < n && (j & 3) != 0; i++, j++) {
			dst[j] = (byte) (buf[off + i] ^ h[m + (j & 3)]);
		}
		if (n - i >= 8) {
			long mask32 = ((h[m] & 0xffL) << 24) | ((h[m + 1] & 0xffL) << 16) | ((h[m + 2] & 0xffL) << 8)
					| (h[m + 3] & 0xffL);
			long mask = (mask32 << 32) | mask32;
			for (; n - i >= 8; i += 8, j += 8) {
				LONGS.set(dst, j, (long) LONGS.get(buf, off + i) ^ mask);
			}
		}
		for (; i < n; i++, j++) {
			dst[j] = (byte) (buf[off + i] ^ h[m + (j & 3)]);
		}
		payloadFilled = j;
		if (j == payloadLength) {
			state = DONE;
		}
		return n;
	}

	/**
	 * Grows the payload array to hold at least {@code needed} bytes, if the grant allows
	 * it.
	 */
	private boolean grow(int needed) {
		int size = (int) Math.min(payloadLength, Math.max(needed, Math.max(MIN_GROWTH, 2L * payload.length)));
		int code = grant.reserve(size - payload.length);
		if (code != 0) {
			fail(code);
			return false;
		}
		byte[] grown = new byte[size];
		System.arraycopy(payload, 0, grown, 0, payloadFilled);
		payload = grown;
		return true;
	}

	private void fail(int code) {
		errorCode = code;
		state = FAILED;
		payload = EMPTY;
	}

}
