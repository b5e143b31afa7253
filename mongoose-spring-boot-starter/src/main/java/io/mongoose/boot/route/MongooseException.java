package io.mongoose.boot.route;

import org.jspecify.annotations.Nullable;

/**
 * Ends a route method with an error reply: {@code status}, and {@code reason} as the
 * detail the client sees (a {@code ProblemDetail}'s {@code detail}; never a stack trace).
 * For example {@code throw new MongooseException(404, "no message 7")}.
 *
 * @since 0.1.0
 */
public class MongooseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	/**
	 * Creates the exception.
	 * @param status the reply's status, 400 to 599
	 * @param reason what the client is told, or {@code null}
	 */
	public MongooseException(int status, @Nullable String reason) {
		this(status, reason, null);
	}

	/**
	 * Creates the exception with its cause (logged, never sent).
	 * @param status the reply's status, 400 to 599
	 * @param reason what the client is told, or {@code null}
	 * @param cause the cause
	 */
	public MongooseException(int status, @Nullable String reason, @Nullable Throwable cause) {
		super(reason, cause);
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("an error status is 400 to 599, not " + status);
		}
		this.status = status;
	}

	/**
	 * The reply's status.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * What the client is told.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String getReason() {
		return getMessage();
	}

}
