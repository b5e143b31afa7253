package io.mongoose.http;

import java.util.Arrays;

/** A reusable byte builder for status lines and headers (one per IO thread, no garbage). */
final class AsciiBuffer {

	private byte[] bytes = new byte[512];

	private int length;

	AsciiBuffer reset() {
		this.length = 0;
		return this;
	}

	AsciiBuffer append(String s) {
		int n = s.length();
		ensure(n);
		for (int i = 0; i < n; i++) {
			this.bytes[this.length++] = (byte) s.charAt(i);
		}
		return this;
	}

	AsciiBuffer append(long value) {
		return append(Long.toString(value));
	}

	AsciiBuffer crlf() {
		ensure(2);
		this.bytes[this.length++] = '\r';
		this.bytes[this.length++] = '\n';
		return this;
	}

	AsciiBuffer header(String name, String value) {
		return append(name).append(": ").append(value).crlf();
	}

	AsciiBuffer header(String name, long value) {
		return append(name).append(": ").append(value).crlf();
	}

	AsciiBuffer append(byte[] data, int offset, int n) {
		ensure(n);
		System.arraycopy(data, offset, this.bytes, this.length, n);
		this.length += n;
		return this;
	}

	byte[] array() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	private void ensure(int n) {
		if (this.length + n > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + n));
		}
	}

}
