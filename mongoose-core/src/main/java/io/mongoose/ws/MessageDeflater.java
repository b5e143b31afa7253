package io.mongoose.ws;

import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * Compresses one outgoing message into one final frame (RFC 7692 §7.2.1): the deflated
 * bytes, flushed to a byte boundary, without the {@code 00 00 FF FF} that every flush
 * ends with, in a frame with RSV1 set.
 */
final class MessageDeflater {

	/** Header bytes kept free in front of the output: the longest header. */
	private static final int HEADER_ROOM = 10;

	/** Messages deflated so far: lets tests count that a broadcast deflates once. */
	private static final AtomicLong MESSAGES = new AtomicLong();

	private MessageDeflater() {
	}

	/**
	 * One compressed frame of {@code data} with the deflater of a context: its state
	 * carries on to the next message.
	 */
	static byte[] frame(Deflater deflater, int opcode, byte[] data) {
		MESSAGES.incrementAndGet();
		deflater.setInput(data);
		byte[] out = new byte[HEADER_ROOM + data.length / 2 + 64];
		int end = HEADER_ROOM;
		while (true) {
			end += deflater.deflate(out, end, out.length - end, Deflater.SYNC_FLUSH);
			if (end < out.length && deflater.needsInput()) {
				break; // all input taken and a flush that did not fill the space:
						// complete
			}
			if (end == out.length) {
				out = java.util.Arrays.copyOf(out, 2 * out.length);
			}
		}
		int length = end - HEADER_ROOM - 4; // the flush's empty stored block goes
		byte[] frame = new byte[FrameEncoder.headerLength(length) + length];
		int h = FrameEncoder.writeHeader(frame, 0, opcode, true, length);
		frame[0] |= WebSocketOpcodes.FLAG_RSV1;
		System.arraycopy(out, HEADER_ROOM, frame, h, length);
		return frame;
	}

	/** {@link #frame} with a pooled deflater that keeps no context. */
	static byte[] frame(boolean huffmanOnly, int opcode, byte[] data) {
		ZlibPool<Deflater> pool = huffmanOnly ? ZlibPool.HUFFMAN_DEFLATERS : ZlibPool.DEFLATERS;
		Deflater deflater = pool.take();
		try {
			return frame(deflater, opcode, data);
		}
		finally {
			pool.give(deflater);
		}
	}

	/** Messages deflated by this JVM so far. */
	static long messages() {
		return MESSAGES.get();
	}

}
