package io.mongoose.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-connection message state across frames (RFC 6455 §5.4): enforces the fragmentation
 * rules, validates text as UTF-8 fragment by fragment (failing before the message
 * completes) and bounds the message size. Control frames may be interleaved with
 * fragments and pass through untouched. In reassembly mode whole messages are delivered;
 * in per-frame mode every frame is delivered as it arrives, after the same checks
 * (Mongoose 5 semantics).
 */
final class MessageAssembler {

	/** {@link #onFrame} result: a fragment was absorbed, nothing to deliver yet. */
	static final int NEED_MORE = 0;

	/** {@link #onFrame} result: {@link #firstByte()} and {@link #payload()} are ready. */
	static final int DELIVER = 1;

	private static final byte[] EMPTY = new byte[0];

	private final boolean reassemble;

	private final long maxMessageSize;

	private final BufferGrant grant;

	private final Utf8Validator utf8 = new Utf8Validator();

	private final List<byte[]> fragments = new ArrayList<>();

	private boolean messageOpen;

	private int messageOpcode;

	private long messageSize;

	private int errorCode;

	private int outFirstByte;

	private byte[] outPayload = EMPTY;

	/**
	 * @param reassemble deliver whole messages (true) or each frame (false)
	 * @param maxMessageSize largest total payload of one message; more fails with 1009
	 */
	MessageAssembler(boolean reassemble, long maxMessageSize) {
		this(reassemble, maxMessageSize, BufferGrant.UNLIMITED);
	}

	/**
	 * @param grant asked before the reassembled copy of a fragmented message is allocated
	 */
	MessageAssembler(boolean reassemble, long maxMessageSize, BufferGrant grant) {
		this.grant = grant;
		if (maxMessageSize < 0) {
			throw new IllegalArgumentException("maxMessageSize must not be negative, got " + maxMessageSize);
		}
		this.reassemble = reassemble;
		// a reassembled message is one Java array
		this.maxMessageSize = reassemble ? Math.min(maxMessageSize, Integer.MAX_VALUE - 8) : maxMessageSize;
	}

	/**
	 * Takes the next decoded frame (already checked by {@link FrameDecoder}).
	 * @return {@link #NEED_MORE}, {@link #DELIVER}, or a close code (1002, 1007, 1009)
	 * with which the connection must be failed; errors are sticky
	 */
	int onFrame(int firstByte, byte[] payload) {
		if (errorCode != 0) {
			return errorCode;
		}
		int opcode = firstByte & WebSocketOpcodes.MASK_OPCODE;
		boolean fin = (firstByte & WebSocketOpcodes.FLAG_FIN) != 0;
		if (WebSocketOpcodes.isControl(opcode)) {
			return deliver(firstByte, payload);
		}
		if (opcode == WebSocketOpcodes.CONTINUATION) {
			if (!messageOpen) {
				return fail(CloseCodes.PROTOCOL_ERROR);
			}
		}
		else {
			if (messageOpen) {
				return fail(CloseCodes.PROTOCOL_ERROR);
			}
			messageOpen = true;
			messageOpcode = opcode;
			messageSize = 0;
			utf8.reset();
		}
		messageSize += payload.length;
		if (messageSize > maxMessageSize) {
			return fail(CloseCodes.MESSAGE_TOO_BIG);
		}
		if (messageOpcode == WebSocketOpcodes.TEXT
				&& (!utf8.update(payload, 0, payload.length) || (fin && !utf8.isComplete()))) {
			return fail(CloseCodes.INVALID_PAYLOAD);
		}
		if (fin) {
			messageOpen = false;
		}
		if (!reassemble) {
			return deliver(firstByte, payload);
		}
		if (fin && fragments.isEmpty()) {
			return deliver(WebSocketOpcodes.FLAG_FIN | messageOpcode, payload);
		}
		fragments.add(payload);
		if (!fin) {
			return NEED_MORE;
		}
		int code = grant.reserve(messageSize);
		if (code != 0) {
			return fail(code);
		}
		byte[] whole = new byte[(int) messageSize];
		int pos = 0;
		for (byte[] f : fragments) {
			System.arraycopy(f, 0, whole, pos, f.length);
			pos += f.length;
		}
		fragments.clear();
		return deliver(WebSocketOpcodes.FLAG_FIN | messageOpcode, whole);
	}

	/** First byte to hand on: the frame's own, or FIN|opcode of a reassembled message. */
	int firstByte() {
		return outFirstByte;
	}

	int opcode() {
		return outFirstByte & WebSocketOpcodes.MASK_OPCODE;
	}

	boolean fin() {
		return (outFirstByte & WebSocketOpcodes.FLAG_FIN) != 0;
	}

	byte[] payload() {
		return outPayload;
	}

	/**
	 * Opcode (TEXT or BINARY) of the data message the last delivered data frame belongs
	 * to; tells per-frame handlers what a CONTINUATION frame continues.
	 */
	int messageOpcode() {
		return messageOpcode;
	}

	/**
	 * How many bytes the next data frame may add: what is left of the open message, or
	 * the whole limit when the next frame starts one.
	 */
	long room() {
		return maxMessageSize - (messageOpen ? messageSize : 0);
	}

	/** Fragments of an unfinished message are held (reassembly mode). */
	boolean holdsFragments() {
		return !fragments.isEmpty();
	}

	/** A fragmented message has started and not finished. */
	boolean inMessage() {
		return messageOpen;
	}

	private int deliver(int firstByte, byte[] payload) {
		outFirstByte = firstByte;
		outPayload = payload;
		return DELIVER;
	}

	private int fail(int code) {
		errorCode = code;
		fragments.clear();
		outPayload = EMPTY;
		return code;
	}

}
