package io.mongoose.cgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mongoose.Header;

/**
 * A CGI script's header block (RFC 3875 §6), read as the reply it describes: the
 * {@code Status}, the header lines to pass on, and whether the script asked for the
 * connection to close. The framing ({@code Transfer-Encoding}), {@code Date} and
 * {@code Keep-Alive} are the server's and are dropped; a {@code Content-Length} is passed
 * on, so the body becomes an identity body of exactly that length.
 * <p>
 * A block a client could not read as one reply is refused ({@link #refusal}): a control
 * character (a bare CR included) in a header line, or an interim {@code Status: 1xx}.
 */
final class CgiHeaders {

	private int status;

	private final List<Header> headers = new ArrayList<>();

	private long contentLength = -1;

	private boolean close;

	private String refusal;

	private CgiHeaders() {
	}

	/** The index just past the blank line that ends the header block, or -1. */
	static int end(byte[] b, int from, int length) {
		for (int i = from; i < length; i++) {
			if (b[i] == '\n') {
				if (i + 1 < length && b[i + 1] == '\n') {
					return i + 2;
				}
				if (i + 2 < length && b[i + 1] == '\r' && b[i + 2] == '\n') {
					return i + 3;
				}
			}
		}
		return -1;
	}

	/** Reads a complete header block (ISO-8859-1 text, up to its blank line). */
	static CgiHeaders parse(String block) {
		CgiHeaders parsed = new CgiHeaders();
		boolean location = false;
		for (String raw : block.split("\n")) {
			String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
			if (hasControl(line)) {
				parsed.refusal = "a control character in the header line '" + printable(line) + "'";
				return parsed;
			}
			int colon = line.indexOf(':');
			if (line.isEmpty() || colon <= 0) {
				continue;
			}
			String name = line.substring(0, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (!isToken(name)) {
				continue;
			}
			switch (name.toLowerCase(Locale.ROOT)) {
				case "status" -> {
					parsed.status = parseStatus(value);
					if (parsed.status < 200) {
						parsed.refusal = "an interim status '" + value + "' as its final status";
						return parsed;
					}
					continue;
				}
				case "location" -> location = true;
				case "content-length" -> {
					long length = parseLength(value);
					if (length < 0 || parsed.contentLength >= 0) {
						continue;
					}
					parsed.contentLength = length;
				}
				case "connection" -> {
					parsed.close |= value.toLowerCase(Locale.ROOT).contains("close");
					continue;
				}
				case "transfer-encoding", "date", "keep-alive" -> {
					continue; // the server frames the reply
				}
				default -> {
				}
			}
			parsed.headers.add(new Header(name, value));
		}
		if (parsed.status == 0) {
			parsed.status = location ? 302 : 200;
		}
		return parsed;
	}

	int status() {
		return this.status;
	}

	/** The lines to pass on, {@code Content-Length} included. */
	List<Header> headers() {
		return this.headers;
	}

	/** The script's {@code Content-Length}, or -1. */
	long contentLength() {
		return this.contentLength;
	}

	boolean close() {
		return this.close;
	}

	/** Why the block cannot be passed on (then answered 502), or null. */
	String refusal() {
		return this.refusal;
	}

	/**
	 * Whether a header line holds a control character other than HTAB (a bare CR
	 * included).
	 */
	static boolean hasControl(String line) {
		for (int i = 0; i < line.length(); i++) {
			char ch = line.charAt(i);
			if ((ch < ' ' && ch != '\t') || ch == 127) {
				return true;
			}
		}
		return false;
	}

	private static String printable(String line) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < line.length() && i < 100; i++) {
			char ch = line.charAt(i);
			sb.append((ch < ' ' || ch >= 127) ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
		}
		return sb.toString();
	}

	/** The first three digits of a {@code Status:} value; 500 if it has none. */
	static int parseStatus(String value) {
		if (value.length() >= 3 && Character.isDigit(value.charAt(0)) && Character.isDigit(value.charAt(1))
				&& Character.isDigit(value.charAt(2)) && (value.length() == 3 || !Character.isDigit(value.charAt(3)))) {
			int status = Integer.parseInt(value.substring(0, 3));
			if (status >= 100) {
				return status;
			}
		}
		return 500;
	}

	private static long parseLength(String value) {
		if (value.isEmpty() || value.length() > 18) {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(value);
	}

	private static boolean isToken(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			if (ch <= ' ' || ch >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
				return false;
			}
		}
		return true;
	}

}
