package io.mongoose;

import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URIs and form data, and percent-encoding of links: the codec the
 * server itself uses, for handlers that decode a query string or build a link.
 *
 * <p>
 * Decoding is lenient on purpose (as in the C server): a {@code %} that is not followed
 * by two hex digits is kept literally (form data, parameters). A request target is
 * stricter: the server answers 400 for such a {@code %} before decoding, so no two
 * readings of a path exist.
 */
public final class UrlCodec {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UrlCodec() {
	}

	/**
	 * Decodes {@code %XX} escapes to bytes and then the bytes as UTF-8 (malformed
	 * sequences become U+FFFD). {@code +} becomes a space only when {@code form} is true:
	 * in a URI path a plus is a plus.
	 */
	public static String decode(String s, boolean form) {
		if (s.indexOf('%') < 0 && (!form || s.indexOf('+') < 0)) {
			return s;
		}
		byte[] src = s.getBytes(StandardCharsets.UTF_8);
		byte[] dst = new byte[src.length + 1];
		int n = decode(src, 0, src.length, dst, form);
		return new String(dst, 0, n, StandardCharsets.UTF_8);
	}

	/**
	 * Decodes {@code src[off, off+len)} into {@code dst} and NUL-terminates it, mirroring
	 * the C {@code mg_url_decode}.
	 * @return the decoded length (without the NUL), or -1 if {@code dst} cannot hold the
	 * decoded bytes plus the terminating NUL
	 */
	public static int decode(byte[] src, int off, int len, byte[] dst, boolean form) {
		int end = off + len;
		int i = off;
		int j = 0;
		int room = dst.length - 1;
		while (i < end && j < room) {
			byte b = src[i];
			int hi;
			int lo;
			if (b == '%' && i + 2 < end && (hi = hexValue(src[i + 1])) >= 0 && (lo = hexValue(src[i + 2])) >= 0) {
				dst[j++] = (byte) (hi << 4 | lo);
				i += 3;
			}
			else {
				dst[j++] = form && b == '+' ? (byte) ' ' : b;
				i++;
			}
		}
		if (dst.length > 0) {
			dst[j] = 0;
		}
		return i >= end ? j : -1;
	}

	/**
	 * Percent-encodes everything except RFC 3986 unreserved characters and {@code /}, so
	 * a file name can be put into an {@code href} of a directory listing safely (this
	 * also escapes {@code " < > & '}).
	 */
	public static String encode(String s) {
		byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
		StringBuilder sb = new StringBuilder(bytes.length + 16);
		for (byte value : bytes) {
			int b = value & 0xff;
			if (isUnreserved(b) || b == '/') {
				sb.append((char) b);
			}
			else {
				sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
			}
		}
		return sb.toString();
	}

	private static boolean isUnreserved(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
				|| b == '_' || b == '~';
	}

	private static int hexValue(byte b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		return -1;
	}

}
