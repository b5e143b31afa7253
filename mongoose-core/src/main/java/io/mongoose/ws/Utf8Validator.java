package io.mongoose.ws;

/**
 * Incremental UTF-8 validator (Unicode Table 3-7 "well-formed byte sequences" as a state
 * machine). Text messages arrive in fragments split at arbitrary bytes, and RFC 6455 §8.1
 * wants the connection failed as soon as the data cannot be valid, so the state is
 * carried between calls instead of decoding whole messages. Rejects overlongs, surrogates
 * and code points above U+10FFFF; {@link #isComplete()} catches a sequence truncated at
 * the end of the message.
 */
final class Utf8Validator {

	/** Continuation bytes still expected for the current sequence; -1 once rejected. */
	private int remaining;

	/** Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4). */
	private int low = 0x80;

	private int high = 0xBF;

	/** Forgets all state: call at the start of every text message. */
	void reset() {
		remaining = 0;
		low = 0x80;
		high = 0xBF;
	}

	/**
	 * Feeds the next bytes of the message.
	 * @return false as soon as the bytes so far cannot be a prefix of valid UTF-8 (and
	 * forever after, until {@link #reset()})
	 */
	boolean update(byte[] buf, int off, int len) {
		int rem = remaining;
		if (rem < 0) {
			return false;
		}
		int lo = low;
		int hi = high;
		int end = off + len;
		for (int i = off; i < end; i++) {
			int b = buf[i] & 0xFF;
			if (rem == 0) {
				if (b < 0x80) {
					continue;
				}
				if (b >= 0xC2 && b <= 0xDF) {
					rem = 1;
				}
				else if (b >= 0xE0 && b <= 0xEF) {
					rem = 2;
					lo = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
					hi = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
				}
				else if (b >= 0xF0 && b <= 0xF4) {
					rem = 3;
					lo = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
					hi = b == 0xF4 ? 0x8F : 0xBF; // F4 90+ would exceed U+10FFFF
				}
				else {
					remaining = -1; // 80-C1 (stray continuation, overlong lead), F5-FF
					return false;
				}
			}
			else {
				if (b < lo || b > hi) {
					remaining = -1;
					return false;
				}
				rem--;
				lo = 0x80;
				hi = 0xBF;
			}
		}
		remaining = rem;
		low = lo;
		high = hi;
		return true;
	}

	/**
	 * True when everything fed so far is valid and no multi-byte sequence is left open.
	 */
	boolean isComplete() {
		return remaining == 0;
	}

	/** One-shot check of a complete byte sequence. */
	static boolean isValid(byte[] buf, int off, int len) {
		Utf8Validator v = new Utf8Validator();
		return v.update(buf, off, len) && v.isComplete();
	}

}
