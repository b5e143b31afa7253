package io.mongoose.http;

import java.nio.charset.StandardCharsets;

import io.mongoose.UrlCodec;

/**
 * Form variables ({@code mg_get_var}) in a query string or an
 * {@code application/x-www-form-urlencoded} body.
 *
 * <p>
 * A variable name matches case-insensitively (ASCII) and only at the start of the data or
 * right after {@code &}; its value runs to the next {@code &} and is form-decoded
 * ({@code +} is a space). A bare name without {@code =} is not a variable.
 */
final class FormVars {

	/** Returned when the variable does not exist. */
	public static final int NOT_FOUND = -1;

	/** Returned when the destination is null, empty or too small. */
	public static final int NO_ROOM = -2;

	private FormVars() {
	}

	/**
	 * Decodes the value of {@code name} into {@code dst}, NUL-terminated.
	 * @return the decoded length; {@link #NOT_FOUND} (-1); or {@link #NO_ROOM} (-2) when
	 * {@code dst} is null, zero-sized or too small (checked before the search, as in C)
	 */
	public static int getVar(byte[] data, int off, int len, String name, byte[] dst) {
		if (dst == null || dst.length == 0) {
			return NO_ROOM;
		}
		dst[0] = 0;
		int valueStart = find(data, off, len, name);
		if (valueStart < 0) {
			return NOT_FOUND;
		}
		int valueEnd = valueEnd(data, valueStart, off + len);
		int n = UrlCodec.decode(data, valueStart, valueEnd - valueStart, dst, true);
		if (n < 0) {
			dst[0] = 0;
			return NO_ROOM;
		}
		return n;
	}

	/**
	 * The decoded (UTF-8) value of {@code name}, or null if there is no such variable.
	 */
	public static String getVar(byte[] data, int off, int len, String name) {
		int valueStart = find(data, off, len, name);
		if (valueStart < 0) {
			return null;
		}
		int valueEnd = valueEnd(data, valueStart, off + len);
		int n = valueEnd - valueStart;
		byte[] dst = new byte[n + 1];
		int decoded = UrlCodec.decode(data, valueStart, n, dst, true);
		return new String(dst, 0, decoded, StandardCharsets.UTF_8);
	}

	/** Index just after {@code name=}, or -1. */
	private static int find(byte[] data, int off, int len, String name) {
		if (data == null || name == null || len <= 0) {
			return -1;
		}
		byte[] key = name.getBytes(StandardCharsets.UTF_8);
		int end = off + len;
		for (int p = off; p + key.length < end; p++) {
			if ((p == off || data[p - 1] == '&') && data[p + key.length] == '='
					&& regionEqualsIgnoreCase(data, p, key)) {
				return p + key.length + 1;
			}
		}
		return -1;
	}

	private static int valueEnd(byte[] data, int from, int end) {
		for (int i = from; i < end; i++) {
			if (data[i] == '&') {
				return i;
			}
		}
		return end;
	}

	private static boolean regionEqualsIgnoreCase(byte[] data, int p, byte[] key) {
		for (int i = 0; i < key.length; i++) {
			if (lower(data[p + i]) != lower(key[i])) {
				return false;
			}
		}
		return true;
	}

	private static int lower(byte b) {
		return b >= 'A' && b <= 'Z' ? b + 32 : b;
	}

}
