package io.mongoose.http;

/** The limits and timeouts the HTTP layer enforces; set from server options on the IO thread. */
public final class HttpSettings {

	public int maxRequestSize = 16 * 1024;

	public long maxBodySize = 16L * 1024 * 1024;

	public int maxHeaders = 100;

	public long requestTimeoutMillis = 30_000;

	public long idleTimeoutMillis = 30_000;

	/** Bytes per second a request body must average once it has had {@link #requestTimeoutMillis}. */
	public long minBodyRate = 1024;

	/**
	 * {@code extra_headers}, as the {@code "Name: value\r\n"} lines added after the status line
	 * of every reply the server writes (handler replies, files, errors; not a WebSocket's 101).
	 */
	public String extraHeaders = "";

	/**
	 * Sets {@code extra_headers}: {@code Name: value} lines separated by line breaks, for example
	 * {@code "X-Content-Type-Options: nosniff\nReferrer-Policy: same-origin"}; {@code null} for none.
	 * @return {@code null}, or why the value is invalid (nothing changed then)
	 */
	public String setExtraHeaders(String lines) {
		StringBuilder rendered = new StringBuilder();
		for (String line : (lines == null) ? new String[0] : lines.split("\r?\n")) {
			if (line.isBlank()) {
				continue;
			}
			int colon = line.indexOf(':');
			String name = (colon < 0) ? "" : line.substring(0, colon).trim();
			String value = (colon < 0) ? "" : line.substring(colon + 1).trim();
			if (!isToken(name) || value.isEmpty() || !isFieldValue(value)) {
				return "Invalid extra_headers line '" + line + "': expected Name: value in printable ASCII";
			}
			rendered.append(name).append(": ").append(value).append("\r\n");
		}
		this.extraHeaders = rendered.toString();
		return null;
	}

	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9')
					&& "!#$%&'*+-.^_`|~".indexOf(ch) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFieldValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if ((ch < 0x20 || ch > 0x7E) && ch != '\t') {
				return false;
			}
		}
		return true;
	}

}
