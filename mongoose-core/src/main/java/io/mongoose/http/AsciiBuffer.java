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

	/** Appends a non-negative number in decimal, without a String. */
	AsciiBuffer append(long value) {
		return appendDigits(value, 10);
	}

	/** Appends a non-negative number in lower-case hex (chunk sizes). */
	AsciiBuffer appendHex(long value) {
		return appendDigits(value, 16);
	}

	private AsciiBuffer appendDigits(long value, int radix) {
		if (value < 0) {
			return append(Long.toString(value, radix));
		}
		int digits = 1;
		for (long v = value / radix; v > 0; v /= radix) {
			digits++;
		}
		ensure(digits);
		for (int i = this.length + digits - 1; i >= this.length; i--) {
			this.bytes[i] = (byte) Character.forDigit((int) (value % radix), radix);
			value /= radix;
		}
		this.length += digits;
		return this;
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
