package io.mongoose;

/**
 * Watches each HTTP request from its parsed head to its finished reply, and each call of
 * its handler in between on the thread that makes it: what a tracer needs to keep a
 * request's context current while its code runs, on the IO thread and on a worker alike,
 * and to let go of it before the thread serves the next request. Set one per server with
 * {@link Server#setRequestObserver}; a server without one pays nothing.
 * <p>
 * The calls must be quick and should not throw (what they throw is logged and the request
 * goes on unobserved). They come from the IO thread, except {@link #handlerScope} for a
 * {@link Handler#blocking blocking} handler, which comes from its worker; an observer
 * shared by several servers is called from several threads.
 *
 * @since 0.1.0
 */
public interface RequestObserver {

	/**
	 * A request's head is parsed, or the request is refused before it could be (then
	 * {@link Connection#uri()} may be null). IO thread.
	 * @param connection the request
	 * @return the state of this request that the calls below are given, or {@code null}
	 * to leave the request unobserved (no further call is made for it)
	 */
	Object requestStarted(Connection connection);

	/**
	 * The request's handler (or the auth hook) is about to be called on this thread.
	 * @param connection the request
	 * @param request what {@link #requestStarted} returned
	 * @return closed on the same thread as soon as the handler returns or throws
	 */
	Scope handlerScope(Connection connection, Object request);

	/**
	 * The reply is finished and {@link Connection#statusCode()} is final, or the
	 * connection closed before it was. IO thread; no scope of this request is open any
	 * more.
	 * @param connection the request
	 * @param request what {@link #requestStarted} returned
	 * @param failure what the handler threw (the request was answered 500), or
	 * {@code null}
	 * @param aborted whether the connection closed before the reply was finished
	 */
	void requestCompleted(Connection connection, Object request, Throwable failure, boolean aborted);

	/** What a {@link RequestObserver#handlerScope} opened. */
	@FunctionalInterface
	interface Scope {

		/** Closes the scope, on the thread that opened it. */
		void close();

	}

}
