package io.mongoose.ws;

import java.util.concurrent.ThreadLocalRandom;
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
 * WebSocket frames: {@link FrameDecoder} on masked client frames (header checks plus
 * unmasking into a fresh payload array), {@link FrameEncoder} on unmasked server frames
 * (the broadcast path encodes once per message), for payloads of 16 B, 1 KiB and 64 KiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebSocketFrameBenchmark {

	@Param({ "16", "1024", "65536" })
	public int size;

	private byte[] payload;

	private byte[] maskedFrame;

	private FrameDecoder decoder;

	private byte[] headerScratch;

	@Setup
	public void setup() {
		this.payload = new byte[this.size];
		ThreadLocalRandom.current().nextBytes(this.payload);
		this.maskedFrame = maskedClientFrame(2, this.payload);
		this.decoder = new FrameDecoder(1 << 20);
		this.headerScratch = new byte[14];
	}

	/** A final client frame: header with the mask bit, 4-byte key, masked payload. */
	static byte[] maskedClientFrame(int opcode, byte[] payload) {
		int n = payload.length;
		int lenBytes = (n <= 125) ? 0 : (n <= 0xFFFF) ? 2 : 8;
		byte[] frame = new byte[2 + lenBytes + 4 + n];
		frame[0] = (byte) (0x80 | opcode);
		int p = 2;
		if (lenBytes == 0) {
			frame[1] = (byte) (0x80 | n);
		}
		else if (lenBytes == 2) {
			frame[1] = (byte) (0x80 | 126);
			frame[p++] = (byte) (n >>> 8);
			frame[p++] = (byte) n;
		}
		else {
			frame[1] = (byte) (0x80 | 127);
			for (int i = 7; i >= 0; i--) {
				frame[p++] = (byte) ((long) n >>> (8 * i));
			}
		}
		byte[] key = { 0x37, (byte) 0xfa, 0x21, 0x3d };
		System.arraycopy(key, 0, frame, p, 4);
		p += 4;
		for (int i = 0; i < n; i++) {
			frame[p + i] = (byte) (payload[i] ^ key[i & 3]);
		}
		return frame;
	}

	@Benchmark
	public byte[] decodeMasked() {
		FrameDecoder d = this.decoder;
		int used = d.decode(this.maskedFrame, 0, this.maskedFrame.length);
		if (used != this.maskedFrame.length || !d.hasFrame()) {
			throw new IllegalStateException("frame not decoded");
		}
		return d.payload();
	}

	/** One frame with a copy of the payload (what a broadcast does once per message). */
	@Benchmark
	public byte[] encode() {
		return FrameEncoder.encode(2, this.payload, 0, this.payload.length);
	}

	/** Header only, for gathering writes that send the payload array as it is. */
	@Benchmark
	public int encodeHeader() {
		return FrameEncoder.writeHeader(this.headerScratch, 0, 2, true, this.payload.length);
	}

}
