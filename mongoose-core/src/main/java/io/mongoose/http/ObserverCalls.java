package io.mongoose.http;

import java.lang.System.Logger.Level;

import io.mongoose.RequestObserver;

/**
 * Calls the server's {@link RequestObserver} at a request's start, around each handler
 * call and at its end; an observer that throws is logged and never harms the request.
 */
final class ObserverCalls {

	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	/** Set before polling starts or on the IO thread, like the handlers. */
	private RequestObserver observer;

	void set(RequestObserver observer) {
		this.observer = observer;
	}

	/** Tells the observer a request started; IO thread. */
	void start(HttpConnection c) {
		RequestObserver observer = this.observer;
		if (observer != null) {
			try {
				c.requestState.observed = observer.requestStarted(c);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request observer failed", ex);
			}
		}
	}

	/**
	 * Opens the observer's scope around a handler call, on the calling thread;
	 * {@code null} when unobserved or if it failed.
	 */
	RequestObserver.Scope open(HttpConnection c) {
		Object observed = c.requestState.observed;
		if (observed == null) {
			return null;
		}
		try {
			return this.observer.handlerScope(c, observed);
		}
		catch (RuntimeException ex) {
			log.log(Level.WARNING, "request observer failed", ex);
			return null;
		}
	}

	static void close(RequestObserver.Scope scope) {
		if (scope == null) {
			return;
		}
		try {
			scope.close();
		}
		catch (RuntimeException ex) {
			log.log(Level.WARNING, "request observer failed", ex);
		}
	}

	/**
	 * Tells the observer an observed request is over (answered, or {@code aborted} by the
	 * close of its connection); IO thread.
	 */
	void end(HttpConnection c, boolean aborted) {
		RequestState s = c.requestState;
		Object observed = s.observed;
		if (observed != null) {
			s.observed = null;
			try {
				this.observer.requestCompleted(c, observed, s.error, aborted);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request observer failed", ex);
			}
		}
	}

}
