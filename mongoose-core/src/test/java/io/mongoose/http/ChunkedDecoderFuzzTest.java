package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The in-place chunked decoder. Byte 0 of the input: feeding step (0 = all at once); the
 * rest is the raw body. The body sits in a buffer between guard bytes that must never
 * change.
 */
class ChunkedDecoderFuzzTest {

	private static final int BODY_START = 7;

	private static final int GUARD = 9;

	private static final long MAX_BODY = 2048;

	/** Outcome of one decoding run: decoded bytes and raw end, or the error status. */
	private record Outcome(boolean done, int status, byte[] body, int rawEnd) {
	}

	@FuzzTest(maxDuration = "60s")
	void arbitraryBody(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int step = data[0] & 0xFF;
		byte[] raw = Arrays.copyOfRange(data, 1, data.length);
		Outcome whole = run(raw, 0);
		Outcome trickled = run(raw, step);
		if (trickled.done()) {
			assertThat(whole).usingRecursiveComparison().isEqualTo(trickled);
		}
		else if (whole.status() == 0) {
			// The only allowed difference: a line over 4096 bytes is refused while
			// incomplete.
			assertThat(trickled.status()).as("trickled fed decoder: %s, whole: %s", trickled, whole).isIn(0, 400);
		}
	}

	/**
	 * Chunked encoding of the input itself (chunk sizes from the input, optional
	 * extensions and trailers) must decode back to the input.
	 */
	@FuzzTest(maxDuration = "60s")
	void encodedBody(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int shape = data[0] & 0xFF;
		byte[] payload = Arrays.copyOfRange(data, 1, Math.min(data.length, 1 + (int) MAX_BODY));
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		int pos = 0;
		int k = 1;
		while (pos < payload.length) {
			int n = Math.min(payload.length - pos, 1 + ((payload[pos] & 0xFF) * (1 + (shape & 7))));
			String size = Integer.toHexString(n);
			if ((shape & 0x08) != 0) {
				size = size.toUpperCase();
			}
			if ((shape & 0x10) != 0) {
				size = "000" + size;
			}
			if ((shape & 0x20) != 0) {
				size += " ;ext" + k + "=\"v\"";
			}
			wire.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
			wire.write(payload, pos, n);
			wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			pos += n;
			k++;
		}
		wire.writeBytes(
				((shape & 0x40) != 0 ? "0\r\nX-Trailer: 1\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		byte[] raw = wire.toByteArray();
		Outcome o = run(raw, shape >> 7 == 1 ? 1 + (shape & 0x3F) : 0);
		assertThat(o.status()).as("valid encoding refused").isZero();
		assertThat(o.done()).isTrue();
		assertThat(o.body()).isEqualTo(payload);
		assertThat(o.rawEnd()).isEqualTo(BODY_START + raw.length);
	}

	private static Outcome run(byte[] raw, int step) {
		byte[] buf = new byte[BODY_START + raw.length + GUARD];
		Arrays.fill(buf, (byte) 0x5A);
		System.arraycopy(raw, 0, buf, BODY_START, raw.length);
		byte[] before = buf.clone();
		int total = BODY_START + raw.length;
		ChunkedDecoder d = new ChunkedDecoder();
		d.start(BODY_START);
		// at most ~64 calls per input: more would make the fuzzer crawl (each call
		// rescans the line)
		int inc = step == 0 ? 0 : Math.max(step, raw.length / 64 + 1);
		int length = step == 0 ? total : Math.min(total, BODY_START + inc);
		int calls = 0;
		// plain checks in the loop: AssertJ per call would dominate the fuzzing speed
		while (true) {
			check(++calls <= raw.length + 2, "bounded number of calls");
			boolean done;
			try {
				done = d.decode(buf, length, BODY_START, MAX_BODY);
			}
			catch (HttpError e) {
				assertThat(e.status()).isIn(400, 413);
				checkGuards(buf, before, length);
				return new Outcome(false, e.status(), null, -1);
			}
			checkGuards(buf, before, length);
			check(d.decodedEnd() >= BODY_START && d.decodedEnd() <= d.rawEnd(), "decodedEnd in [bodyStart, rawEnd]");
			check(d.rawEnd() >= BODY_START && d.rawEnd() <= length, "rawEnd in [bodyStart, length]");
			check((long) d.decodedEnd() - BODY_START <= MAX_BODY, "body within maxBody");
			if (done) {
				return new Outcome(true, 0, Arrays.copyOfRange(buf, BODY_START, d.decodedEnd()), d.rawEnd());
			}
			if (length == total) {
				return new Outcome(false, 0, null, -1);
			}
			length = Math.min(total, length + inc);
		}
	}

	/** Nothing below bodyStart or at/after the received length may change. */
	private static void checkGuards(byte[] buf, byte[] before, int length) {
		check(Arrays.equals(buf, 0, BODY_START, before, 0, BODY_START), "bytes before the body unchanged");
		check(Arrays.equals(buf, length, buf.length, before, length, before.length),
				"bytes after the received length unchanged");
	}

	private static void check(boolean ok, String what) {
		if (!ok) {
			throw new AssertionError(what);
		}
	}

}
