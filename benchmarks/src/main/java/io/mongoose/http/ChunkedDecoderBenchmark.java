package io.mongoose.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ChunkedDecoder}: de-chunking a whole 64 KiB body in place, in chunks of 16 B
 * (worst case: line parsing dominates), 1 KiB and 8 KiB (typical). The encoded body is
 * copied back into the buffer before each decode because decoding is in place;
 * {@code copyOnly} measures that copy alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkedDecoderBenchmark {

	private static final int BODY = 64 * 1024;

	@Param({ "16", "1024", "8192" })
	public int chunkSize;

	private byte[] encoded;

	private byte[] work;

	private final ChunkedDecoder decoder = new ChunkedDecoder();

	@Setup
	public void setup() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[this.chunkSize];
		for (int i = 0; i < chunk.length; i++) {
			chunk[i] = (byte) ('a' + i % 26);
		}
		for (int sent = 0; sent < BODY; sent += this.chunkSize) {
			out.writeBytes((Integer.toHexString(this.chunkSize) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(chunk);
			out.writeBytes(new byte[] { '\r', '\n' });
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		this.encoded = out.toByteArray();
		this.work = new byte[this.encoded.length];
	}

	@Benchmark
	public int decode() throws HttpError {
		System.arraycopy(this.encoded, 0, this.work, 0, this.encoded.length);
		this.decoder.start(0);
		if (!this.decoder.decode(this.work, this.work.length, 0, Long.MAX_VALUE)) {
			throw new IllegalStateException("incomplete");
		}
		return this.decoder.decodedEnd();
	}

	@Benchmark
	public byte[] copyOnly() {
		System.arraycopy(this.encoded, 0, this.work, 0, this.encoded.length);
		return this.work;
	}

}
