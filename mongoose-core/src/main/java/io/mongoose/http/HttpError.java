package io.mongoose.http;

/**
 * A request the server refuses: the status to answer with and what was wrong, for the
 * log. Thrown by the parsers; never escapes the HTTP layer, except to the outbound
 * client, which reads responses with the same rules.
 */
public final class HttpError extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	HttpError(int status, String reason) {
		super(reason, null, false, false);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
