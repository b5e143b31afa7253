package io.mongoose;

/**
 * A request whose reply comes later, from any thread: see {@link Connection#suspend()}.
 * Exactly one of completing, timing out ({@code async_timeout_ms}, answered {@code 503})
 * and the client closing happens; whatever comes after it is a no-op.
 * <p>
 * Example: <pre>{@code
 * server.addUriHandler("/quote", conn -> {
 *     AsyncReply reply = conn.suspend();
 *     quotes.fetchAsync().thenAccept(q -> reply.complete(200, "application/json", q.toJson()));
 *     return Handler.Result.DONE;
 * });
 * }</pre>
 */
public interface AsyncReply {

	/**
	 * Answers the request: {@code reply} runs on the IO thread as the request's handler
	 * (its result counts as a handler's would). Safe from any thread, never blocks.
	 * @return false if the request is already over (completed, timed out or its client
	 * gone): {@code reply} never runs then
	 */
	boolean complete(Handler reply);

	/** {@link #complete(Handler)} with a whole reply ({@link Connection#sendReply}). */
	default boolean complete(int status, String contentType, String body) {
		return complete(c -> {
			c.sendReply(status, contentType, body);
			return Handler.Result.DONE;
		});
	}

	/**
	 * Whether the request ended without a completion: it timed out or its client closed.
	 */
	boolean isCancelled();

	/**
	 * Runs {@code action} once the request is cancelled, on the IO thread (so it must not
	 * block), or at once on the caller's thread if it already is; a later call replaces
	 * an earlier action not run yet.
	 */
	void onCancel(Runnable action);

}
