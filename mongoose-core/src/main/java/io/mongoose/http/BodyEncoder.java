package io.mongoose.http;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one reply body as it is written: gzip (RFC 1952) or deflate (the zlib
 * format, RFC 1950). Each write is flushed ({@code SYNC_FLUSH}), so what a handler wrote
 * reaches the client at once; {@link #finish} writes the end. The zlib state lives
 * outside the heap, so an encoder is {@link #end ended} as its reply ends.
 */
final class BodyEncoder {

	private static final byte[] GZIP_HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private final Deflater deflater;

	private final CRC32 crc;

	private byte[] out = new byte[1024];

	private int length;

	private boolean started;

	BodyEncoder(String coding) {
		boolean gzip = coding.equals(ContentCoding.GZIP);
		this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, gzip);
		this.crc = gzip ? new CRC32() : null;
	}

	/**
	 * The most bytes {@link #encode} may produce for {@code length} bytes: deflate's
	 * stored blocks, the flush marker, the gzip header and trailer.
	 */
	static long bound(long length) {
		return length + 5 * (length / 16_000 + 1) + 32;
	}

	/**
	 * Compresses and flushes {@code data}; the output is {@link #buffer()} up to
	 * {@link #length()}.
	 */
	void encode(byte[] data, int offset, int count) {
		start();
		if (this.crc != null) {
			this.crc.update(data, offset, count);
		}
		this.deflater.setInput(data, offset, count);
		drain(Deflater.SYNC_FLUSH);
	}

	/** Ends the stream (the gzip trailer); the output is {@link #buffer()}. */
	void finish() {
		start();
		this.deflater.finish();
		drain(Deflater.NO_FLUSH);
		if (this.crc != null) {
			ensure(8);
			putInt((int) this.crc.getValue());
			putInt((int) this.deflater.getBytesRead());
		}
		end();
	}

	/** The whole of {@code body}, compressed. */
	static byte[] encodeWhole(String coding, byte[] body) {
		BodyEncoder encoder = new BodyEncoder(coding);
		encoder.encode(body, 0, body.length);
		byte[] all = Arrays.copyOf(encoder.buffer(), encoder.length());
		encoder.finish();
		byte[] result = Arrays.copyOf(all, all.length + encoder.length());
		System.arraycopy(encoder.buffer(), 0, result, all.length, encoder.length());
		return result;
	}

	byte[] buffer() {
		return this.out;
	}

	int length() {
		return this.length;
	}

	/** Frees the zlib state; the encoder cannot be used again. */
	void end() {
		this.deflater.end();
	}

	/** Empties the output buffer; a gzip stream begins with its header. */
	private void start() {
		this.length = 0;
		if (!this.started) {
			this.started = true;
			if (this.crc != null) {
				ensure(GZIP_HEADER.length);
				System.arraycopy(GZIP_HEADER, 0, this.out, 0, GZIP_HEADER.length);
				this.length = GZIP_HEADER.length;
			}
		}
	}

	private void drain(int flush) {
		while (true) {
			ensure(512);
			int n = this.deflater.deflate(this.out, this.length, this.out.length - this.length, flush);
			this.length += n;
			if (this.length < this.out.length && (flush == Deflater.SYNC_FLUSH || this.deflater.finished())) {
				return;
			}
			if (n == 0 && this.deflater.needsInput() && !this.deflater.finished() && flush == Deflater.NO_FLUSH
					&& this.length < this.out.length) {
				return;
			}
		}
	}

	private void ensure(int room) {
		if (this.out.length - this.length < room) {
			this.out = Arrays.copyOf(this.out, Math.max(this.out.length * 2, this.length + room));
		}
	}

	private void putInt(int value) {
		for (int i = 0; i < 4; i++) {
			this.out[this.length++] = (byte) (value >>> (8 * i));
		}
	}

}
