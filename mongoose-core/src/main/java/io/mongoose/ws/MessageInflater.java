package io.mongoose.ws;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the frames of compressed messages of one connection (RFC 7692 §7.2.2), frame
 * by frame, in bounded steps: the output grows (doubling, each growth granted first) to
 * at most one byte more than the message may still take, so a zip bomb is failed with
 * 1009 having cost no more than {@code websocket_max_message_size}. With the client's
 * context the inflater is this connection's; without it one is borrowed from a pool for
 * the message and given back at its last frame.
 */
final class MessageInflater {

	/** What the sender stripped from the end of each message (§7.2.1). */
	private static final byte[] TAIL = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	private static final byte[] EMPTY = new byte[0];

	private static final int MIN_OUTPUT = 1024;

	private final boolean keepContext;

	private final BufferGrant grant;

	private Inflater inflater;

	private int errorCode;

	MessageInflater(boolean keepContext, BufferGrant grant) {
		this.keepContext = keepContext;
		this.grant = grant;
	}

	/**
	 * @param fin the frame ends the message: the stripped tail is put back
	 * @param room how many bytes the message may still take
	 * @return the inflated bytes, or {@code null}: fail with {@link #errorCode()} (1007
	 * for data that is not deflate, 1009 when it inflates beyond {@code room}, or the
	 * grant's code)
	 */
	byte[] inflate(byte[] payload, boolean fin, long room) {
		if (this.inflater == null) {
			this.inflater = this.keepContext ? new Inflater(true) : ZlibPool.INFLATERS.take();
		}
		Inflater in = this.inflater;
		in.setInput(payload);
		boolean tailGiven = !fin;
		byte[] out = EMPTY;
		int length = 0;
		try {
			while (true) {
				if (length == out.length) {
					if (length > room) {
						return fail(CloseCodes.MESSAGE_TOO_BIG);
					}
					long size = Math.min(room + 1, Math.max(MIN_OUTPUT, 2L * Math.max(out.length, payload.length)));
					int code = this.grant.reserve(size - out.length);
					if (code != 0) {
						return fail(code);
					}
					out = Arrays.copyOf(out, (int) size);
				}
				int n = in.inflate(out, length, out.length - length);
				length += n;
				if (in.finished()) {
					in.reset(); // the sender ended its stream (BFINAL): the next one
								// starts fresh
					break;
				}
				if (n == 0 && in.needsInput()) {
					if (tailGiven) {
						break;
					}
					in.setInput(TAIL);
					tailGiven = true;
				}
				else if (n == 0 && in.needsDictionary()) {
					return fail(CloseCodes.INVALID_PAYLOAD);
				}
			}
		}
		catch (DataFormatException ex) {
			return fail(CloseCodes.INVALID_PAYLOAD);
		}
		if (length > room) {
			return fail(CloseCodes.MESSAGE_TOO_BIG);
		}
		if (fin && !this.keepContext) {
			release();
		}
		return (length == out.length) ? out : Arrays.copyOf(out, length);
	}

	int errorCode() {
		return this.errorCode;
	}

	/** Ends or gives back the inflater: the message or the connection is over. */
	void release() {
		Inflater in = this.inflater;
		this.inflater = null;
		if (in == null) {
			return;
		}
		if (this.keepContext) {
			in.end();
		}
		else {
			ZlibPool.INFLATERS.give(in);
		}
	}

	private byte[] fail(int code) {
		this.errorCode = code;
		release();
		return null;
	}

}
