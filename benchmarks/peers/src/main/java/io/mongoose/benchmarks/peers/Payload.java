package io.mongoose.benchmarks.peers;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * The fan-out message: about 110 bytes of JSON-like text, the same for every run but its
 * phase letter and sequence number, and compressible the way chat or ticker messages are.
 */
final class Payload {

	private static final String PREFIX = "{\"phase\":\"";

	private static final int PHASE_AT = PREFIX.length();

	private static final int SEQ_AT = PHASE_AT + "X\",\"seq\":".length();

	private static final int DIGITS = 8;

	private Payload() {
	}

	static byte[] message(char phase, int seq) {
		String text = String.format("%s%c\",\"seq\":%0" + DIGITS + "d,\"room\":\"bench\",\"user\":\"fan-out\","
				+ "\"text\":\"the quick brown fox jumps over the lazy dog\"}", PREFIX, phase, seq);
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The phase letter of a received message, or 0 when it is not one of ours. */
	static char phase(ByteBuf text) {
		int start = text.readerIndex();
		return (text.readableBytes() > SEQ_AT + DIGITS) ? (char) text.getByte(start + PHASE_AT) : 0;
	}

	/** The sequence number of a message {@link #phase} accepted. */
	static int seq(ByteBuf text) {
		int start = text.readerIndex() + SEQ_AT;
		int seq = 0;
		for (int i = 0; i < DIGITS; i++) {
			seq = seq * 10 + (text.getByte(start + i) - '0');
		}
		return seq;
	}

}
