package io.mongoose.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.mongoose.Reply;

/**
 * A reusable byte builder for status lines and headers (one per IO thread, no garbage).
 * Every reply head is written through it, so it is where header text is checked: a name
 * must be a token, text may hold no control character but HTAB and nothing above U+00FF,
 * which would otherwise be narrowed to a byte (U+010D U+010A becoming CR LF).
 */
final class AsciiBuffer {

	private byte[] bytes = new byte[512];

	private int length;

	AsciiBuffer reset() {
		this.length = 0;
		return this;
	}

	/**
	 * Appends header text; refuses control characters (except HTAB) and anything above
	 * U+00FF.
	 */
	AsciiBuffer append(String s) {
		checkText(s);
		return appendChecked(s);
	}

	private AsciiBuffer appendChecked(String s) {
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
		// every reply has a length: a shift for hex and a constant divisor for decimal
		// cost far less than Long's division by a variable radix
		int shift = (radix == 16) ? 4 : 0;
		int digits = 1;
		for (long v = value; (v = (shift != 0) ? v >>> shift : v / 10) > 0;) {
			digits++;
		}
		ensure(digits);
		for (int i = this.length + digits - 1; i >= this.length; i--) {
			this.bytes[i] = DIGITS[(int) ((shift != 0) ? value & 15 : value % 10)];
			value = (shift != 0) ? value >>> shift : value / 10;
		}
		this.length += digits;
		return this;
	}

	private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	AsciiBuffer crlf() {
		ensure(2);
		this.bytes[this.length++] = '\r';
		this.bytes[this.length++] = '\n';
		return this;
	}

	/**
	 * The status line of every reply, then the {@code extra_headers} lines (already
	 * checked when the option was set).
	 */
	AsciiBuffer statusLine(int status, String extraHeaders) {
		return append("HTTP/1.1 ").append(status)
			.append(" ")
			.append(Reply.reasonPhrase(status))
			.crlf()
			.appendChecked(extraHeaders);
	}

	/**
	 * One header line, checked before anything is written (a refused header leaves no
	 * trace).
	 */
	AsciiBuffer header(String name, String value) {
		checkName(name);
		checkText(value);
		return append(name).append(": ").append(value).crlf();
	}

	AsciiBuffer header(String name, long value) {
		checkName(name);
		return append(name).append(": ").append(value).crlf();
	}

	/**
	 * Complete {@code "Name: value\r\n"} lines from a layer above HTTP, each checked as
	 * {@link #header}.
	 */
	AsciiBuffer headerLines(CharSequence lines) {
		String text = lines.toString();
		for (int start = 0; start < text.length();) {
			int end = text.indexOf("\r\n", start);
			int colon = text.indexOf(':', start);
			if (end < 0 || colon < 0 || colon > end) {
				throw new IllegalArgumentException(
						"header line '" + printable(text.substring(start)) + "' is not 'Name: value' and CRLF");
			}
			checkName(text.substring(start, colon));
			checkText(text.substring(colon + 1, end));
			start = end + 2;
		}
		return appendChecked(text);
	}

	/** The tchar of RFC 9110: visible ASCII but the delimiters. */
	private static final boolean[] TCHAR = new boolean[128];

	static {
		for (char c = '!'; c < 127; c++) {
			TCHAR[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
		}
	}

	/** RFC 9110 token: one or more tchar. */
	static void checkName(String name) {
		boolean token = !name.isEmpty();
		for (int i = 0; i < name.length() && token; i++) {
			char c = name.charAt(i);
			token = c < 128 && TCHAR[c];
		}
		if (!token) {
			throw new IllegalArgumentException("header name '" + printable(name) + "' is not a token");
		}
	}

	/**
	 * Field text (RFC 9110 §5.5): no control character but HTAB, nothing that is not one
	 * byte.
	 */
	static void checkText(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if ((c < ' ' && c != '\t') || c == 127 || c > 0xFF) {
				throw new IllegalArgumentException(String.format(
						"character U+%04X at index %d of '%s' cannot be sent in a header", (int) c, i, printable(s)));
			}
		}
	}

	/** For messages: the text with controls escaped, cut short. */
	private static String printable(String s) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < s.length() && out.length() < 80; i++) {
			char c = s.charAt(i);
			out.append((c < ' ' || c == 127) ? String.format("\\x%02X", (int) c) : String.valueOf(c));
		}
		return out.toString();
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
