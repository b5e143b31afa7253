package io.mongoose.http;

/**
 * A request the server refuses: the status to answer with and what was wrong, for the
 * log. Thrown by the parser; never escapes the HTTP layer.
 */
final class HttpError extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	HttpError(int status, String reason) {
		super(reason, null, false, false);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
