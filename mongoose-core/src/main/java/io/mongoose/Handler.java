package io.mongoose;

/**
 * Serves the requests whose URI starts with the prefix it was registered for
 * ({@link Server#addUriHandler}). Called on the IO thread: for a request without a body as soon
 * as the head is parsed, for a request with a body once the whole body is buffered
 * ({@link Connection#content()}), and for a WebSocket once per fully buffered frame.
 * <p>
 * Example:
 * <pre>{@code
 * server.addUriHandler("/hello", conn -> {
 *     conn.sendReply(200, "text/plain", "Hello, " + conn.remoteIp());
 *     return Result.DONE;
 * });
 * }</pre>
 * A handler that throws gets a 500 reply (if nothing was sent yet) and a logged stack trace;
 * the server keeps serving. A handler must not block: it holds up every connection of its
 * server.
 */
@FunctionalInterface
public interface Handler {

	/**
	 * Serve one request, WebSocket frame, or error (for the error handler).
	 * @param connection the request and the means to answer it
	 * @return what the server does next
	 * @throws Exception to abort the request with a 500 reply
	 */
	Result handle(Connection connection) throws Exception;

	/** What a handler tells the server once it returns. */
	enum Result {

		/** The reply is complete; the connection stays open if HTTP allows it. */
		DONE,

		/** Not mine: nothing was written, continue with the built-in pipeline (files, 404). */
		NOT_HANDLED,

		/**
		 * A long-running reply: call the handler again on every poll until it returns another
		 * result. When the connection is closing, the last call sees {@code wsBits() == 1}.
		 */
		CALL_AGAIN,

		/** The reply (or WebSocket) is over: close the connection once the output is flushed. */
		CLOSE

	}

}
