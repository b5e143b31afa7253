package io.mongoose;

/**
 * Serves the requests whose URI starts with the prefix it was registered for
 * ({@link Server#addUriHandler}). Called on the IO thread: for a request without a body
 * as soon as the head is parsed, for a request with a body once the whole body is
 * buffered ({@link Connection#content()}; a {@link BodyHandler} takes it as it arrives
 * instead), and for a WebSocket once per fully buffered frame.
 * <p>
 * Example: <pre>{@code
 * server.addUriHandler("/hello", conn -> {
 *     conn.sendReply(200, "text/plain", "Hello, " + conn.remoteIp());
 *     return Result.DONE;
 * });
 * }</pre> A handler that throws gets a 500 reply (if nothing was sent yet) and a logged
 * stack trace; the server keeps serving.
 * <p>
 * A handler must not block: it runs on the IO thread, and while it waits (JDBC, file IO,
 * an HTTP client, {@code Thread.sleep}) every connection of its server waits. Register
 * such a handler wrapped in {@link #blocking(Handler)}: it then runs on the server's
 * worker executor ({@link Server#setWorkerExecutor}) with the same {@link Connection}
 * API. A handler that waits for an event instead of a thread can
 * {@link Connection#suspend() suspend} its request.
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

	/**
	 * Whether the server runs this handler on its worker executor; see {@link #blocking}.
	 */
	default boolean isBlocking() {
		return false;
	}

	/**
	 * Marks {@code handler} as blocking: the server calls it on its worker executor, not
	 * on the IO thread. Meanwhile its connection reads no further request (pipelined ones
	 * wait, replies stay in order); what it sends through the {@link Connection} reaches
	 * the socket in order, and the IO thread carries on once it returns. When the worker
	 * queue is full the request is answered {@code 503} with {@code Retry-After}. It
	 * applies to URI handlers ({@link Server#addUriHandler}) and
	 * {@link AsyncReply#complete} replies; the auth and error hooks, and a WebSocket's
	 * frames, always run on the IO thread. <pre>{@code
	 * server.addUriHandler("/report", Handler.blocking(conn -> {
	 *     conn.sendReply(200, "text/plain", reports.query(conn.getVar("id"))); // JDBC
	 *     return Result.DONE;
	 * }));
	 * }</pre>
	 */
	static Handler blocking(Handler handler) {
		if (handler == null) {
			throw new IllegalArgumentException("handler must not be null");
		}
		if (handler instanceof BodyHandler && !handler.isBlocking()) { // a wrapper would
																		// hide its body
																		// calls
			throw new IllegalArgumentException("a BodyHandler blocks by returning true from isBlocking()");
		}
		return handler.isBlocking() ? handler : new BlockingHandler(handler);
	}

	/** What a handler tells the server once it returns. */
	enum Result {

		/** The reply is complete; the connection stays open if HTTP allows it. */
		DONE,

		/**
		 * Not mine: nothing was written, continue with the built-in pipeline (files,
		 * 404).
		 */
		NOT_HANDLED,

		/**
		 * A long-running reply: call the handler again on every poll until it returns
		 * another result. When the connection is closing, the last call sees
		 * {@code wsBits() == 1}.
		 */
		CALL_AGAIN,

		/**
		 * The reply (or WebSocket) is over: close the connection once the output is
		 * flushed.
		 */
		CLOSE

	}

}
