package io.mongoose.http;

/**
 * One field line of a head, {@code name ":" OWS value OWS} (RFC 9112 §5), checked by the
 * rules the server applies to request headers and the client to response headers, so both
 * read a head alike. Results are positions, so the hot path allocates nothing; a negative
 * result is a problem that {@link #problem(int)} names.
 */
public final class FieldLine {

	private static final int FOLDED = -1;

	private static final int SPACE_BEFORE_COLON = -2;

	private static final int BAD_NAME = -3;

	private static final int NO_NAME = -4;

	private static final int CONTROL = -5;

	private static final String[] PROBLEMS = { "obsolete line folding", "white space before the colon",
			"an invalid character in the name", "no name or no colon", "a control character in the value" };

	private FieldLine() {
	}

	/** The colon after a token name in {@code [start, end)}, or a negative problem. */
	public static int colon(byte[] buf, int start, int end) {
		if (buf[start] == ' ' || buf[start] == '\t') {
			return FOLDED;
		}
		int colon = start;
		while (colon < end && buf[colon] != ':') {
			if (!RequestParser.isTchar(buf[colon])) {
				return (buf[colon] == ' ' || buf[colon] == '\t') ? SPACE_BEFORE_COLON : BAD_NAME;
			}
			colon++;
		}
		return (colon == end || colon == start) ? NO_NAME : colon;
	}

	/** Where the value after {@code colon} starts, leading white space skipped. */
	public static int valueStart(byte[] buf, int colon, int end) {
		return Tokens.trimStart(buf, colon + 1, end);
	}

	/**
	 * Where the value from {@code valueStart} ends, trailing white space dropped, or a
	 * negative problem when it holds a control character other than tab.
	 */
	public static int valueEnd(byte[] buf, int valueStart, int end) {
		int valueEnd = Tokens.trimEnd(buf, valueStart, end);
		for (int i = valueStart; i < valueEnd; i++) {
			int b = buf[i] & 0xff;
			if ((b < 0x20 && b != '\t') || b == 0x7f) {
				return CONTROL;
			}
		}
		return valueEnd;
	}

	/** What a negative result of this class means, for an error message. */
	public static String problem(int result) {
		return PROBLEMS[-result - 1];
	}

}
