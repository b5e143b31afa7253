package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.util.Arrays;

import io.mongoose.BodyHandler;
import io.mongoose.EventStreamHandler;
import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.RequestListener;
import io.mongoose.RequestObserver;
import io.mongoose.WebSocketHandler;
import io.mongoose.http.RequestState.Phase;

/**
 * Runs a parsed request to its end: the auth hook, the URI handler (here, on a worker or
 * again on every poll), the fallback for what no handler took, suspensions, the 500 of a
 * failing handler, and {@link #finish}: the reply's last bytes, the request listeners,
 * keep-alive or close.
 */
final class Dispatcher {

	/**
	 * The protocol's logger: its lines keep one name however the state machine is split.
	 */
	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	private final HttpProtocol protocol;

	final Workers workers;

	private Handler authHandler;

	/** Runs first on every request that is not an upgrade (CORS); may answer it. */
	private Handler preflightHandler;

	private Fallback fallback;

	/**
	 * Copied when one is added (rarely, from any thread); read per request without an
	 * iterator.
	 */
	private volatile RequestListener[] listeners = new RequestListener[0];

	Dispatcher(HttpProtocol protocol) {
		this.protocol = protocol;
		this.workers = new Workers(this, protocol.settings, protocol.observers);
	}

	void setAuthHandler(Handler authHandler) {
		this.authHandler = authHandler;
	}

	void setPreflightHandler(Handler preflightHandler) {
		this.preflightHandler = preflightHandler;
	}

	/**
	 * Runs the preflight hook on a parsed head; true if it answered the request, which is
	 * then finished (closing the connection when the request has a body: it is never
	 * read).
	 */
	boolean preflightAnswered(HttpConnection c) {
		if (this.preflightHandler == null || call(c, this.preflightHandler) == Result.NOT_HANDLED) {
			return false;
		}
		if (c.request.hasBody()) {
			c.reply.closeAfter();
		}
		finish(c);
		return true;
	}

	void setFallback(Fallback fallback) {
		this.fallback = fallback;
	}

	synchronized void addRequestListener(RequestListener listener) {
		RequestListener[] grown = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		grown[grown.length - 1] = listener;
		this.listeners = grown;
	}

	/** Whether the auth hook answered the request (refused it); false without a hook. */
	boolean authRefused(HttpConnection c) {
		return this.authHandler != null && call(c, this.authHandler) != Result.NOT_HANDLED;
	}

	/**
	 * Authenticates a request with a body before the body is read (and before any
	 * {@code 100 Continue}): the auth hook, then, when no handler owns the URI, the
	 * fallback's own check. A refused request is answered and the connection closes, its
	 * body unread; a hook that let it through is not called again at dispatch.
	 */
	boolean authorizeHead(HttpConnection c) {
		RequestState s = c.requestState;
		s.requestEnd = s.bodyStart;
		boolean keepOpen = !c.reply.closesAfter();
		c.reply.closeAfter(); // a refusal written now says Connection: close
		boolean refused = authRefused(c);
		s.headAuthorized = true;
		s.setContent(null); // a hook that looked at the body saw none yet
		if (!refused && s.handler == null && this.fallback != null) {
			refused = !this.fallback.authorize(c);
		}
		if (refused) {
			finish(c);
			return false;
		}
		c.reply.setCloseAfter(!keepOpen);
		return true;
	}

	/**
	 * For a request with a body no handler took, its head authorized: the fallback's
	 * handler that takes the body as it arrives, or null to buffer it.
	 */
	BodyHandler bodyHandler(HttpConnection c) {
		return (this.fallback != null) ? this.fallback.bodyHandler(c) : null;
	}

	/**
	 * A body handler failed on a piece: 500 unless its reply started, and the connection
	 * closes, the rest of the body unread.
	 */
	void bodyFailed(HttpConnection c, Throwable ex) {
		handlerFailed(c, ex);
		c.reply.closeAfter();
		finish(c);
	}

	void dispatch(HttpConnection c) {
		RequestState s = c.requestState;
		s.phase = Phase.HEAD;
		if (!s.headAuthorized && authRefused(c)) {
			finish(c);
			return;
		}
		if (s.handler == null) {
			serveFallback(c);
			return;
		}
		if (s.handler instanceof EventStreamHandler streamHandler) {
			this.protocol.eventStreams.open(c, streamHandler);
			return;
		}
		if (s.handler instanceof WebSocketHandler && this.protocol.upgrades()) {
			this.protocol.errors.sendError(c, 426, "this URI speaks WebSocket only");
			finish(c);
			return;
		}
		serve(c);
	}

	/** Calls the request's handler, here or (a blocking one) on a worker. */
	void serve(HttpConnection c) {
		Handler handler = c.requestState.handler;
		if (!handler.isBlocking()) {
			after(c, call(c, handler));
		}
		else if (!this.workers.submit(c, handler)) {
			log.log(Level.INFO, () -> "503 Service Unavailable for " + c + ": " + this.workers.refusal());
			this.protocol.errors.sendError(c, 503, null);
			finish(c);
		}
	}

	/**
	 * A blocking handler returned on its worker (or threw {@code failure}); IO thread.
	 */
	void returned(HttpConnection c, Result result, Throwable failure) {
		RequestState s = c.requestState;
		if (c.net.isClosed()) {
			Suspension suspension = s.suspension;
			if (suspension != null) {
				suspension.cancel();
			}
			s.error = failure;
			this.protocol.observers.end(c, true); // closed while the worker ran: its
													// scope
													// is closed now
			return;
		}
		s.phase = Phase.HEAD;
		after(c, (failure != null) ? handlerFailed(c, failure) : result);
		if (s.phase == Phase.HEAD) {
			this.protocol.process(c); // the pipelined requests that waited
		}
	}

	/** Completes a suspended request with {@code reply}; IO thread. */
	void resume(HttpConnection c, Suspension suspension, Handler reply) {
		RequestState s = c.requestState;
		if (c.net.isClosed() || s.suspension != suspension) {
			return;
		}
		if (s.phase != Phase.SUSPENDED) {
			suspension.early = reply; // its handler still runs on a worker: the reply
										// follows when it returns
			return;
		}
		s.suspension = null;
		s.phase = Phase.HEAD;
		s.handler = reply;
		serve(c);
		if (s.phase == Phase.HEAD) {
			this.protocol.process(c);
		}
	}

	private void after(HttpConnection c, Result result) {
		RequestState s = c.requestState;
		Suspension suspension = s.suspension;
		if (suspension != null) {
			s.phase = Phase.SUSPENDED;
			s.suspendedMillis = System.currentTimeMillis();
			if (suspension.early != null) {
				resume(c, suspension, suspension.early);
			}
			return;
		}
		switch (result) {
			case NOT_HANDLED -> {
				if (c.reply.out.any()) {
					log.log(Level.WARNING, c + ": handler returned NOT_HANDLED after writing a reply");
					finish(c);
				}
				else {
					serveFallback(c);
				}
			}
			case CALL_AGAIN -> {
				s.phase = Phase.CALL_AGAIN;
				c.net.pollSoon();
			}
			case CLOSE -> {
				c.reply.closeAfter();
				finish(c);
			}
			default -> finish(c);
		}
	}

	Result call(HttpConnection c, Handler handler) {
		RequestObserver.Scope scope = this.protocol.observers.open(c);
		try {
			Result result = handler.handle(c);
			c.reply.flushHead();
			return (result != null) ? result : Result.DONE;
		}
		catch (Throwable ex) {
			return handlerFailed(c, ex);
		}
		finally {
			ObserverCalls.close(scope);
		}
	}

	/** Answers 500 for a handler that threw, unless its reply already started. */
	private Result handlerFailed(HttpConnection c, Throwable ex) {
		log.log(Level.ERROR, "handler failed on " + c, ex);
		RequestState s = c.requestState;
		Suspension suspension = s.suspension;
		if (suspension != null && suspension.cancel()) {
			s.suspension = null; // the 500 answers it
		}
		s.error = ex;
		if (c.reply.discard()) {
			this.protocol.errors.sendError(c, 500, null);
		}
		else {
			c.reply.closeAfter();
		}
		return Result.DONE;
	}

	private void serveFallback(HttpConnection c) {
		if (this.fallback == null || !this.fallback.serve(c)) {
			this.protocol.errors.sendError(c, 404, null);
		}
		if (c.requestState.phase == Phase.HEAD) {
			finish(c);
		}
	}

	/**
	 * Ends the current request: ends its reply, then keeps the connection or closes it.
	 */
	void finish(HttpConnection c) {
		ReplyWriter reply = c.reply;
		reply.finish();
		if (!reply.out.any()) {
			if (reply.refused() > 0) {
				log.log(Level.WARNING,
						c + ": reply of " + reply.refused()
								+ " bytes refused, larger than the send queue allows (send_queue_limit "
								+ c.net.sendLimit() + ")");
			}
			else {
				log.log(Level.WARNING, c + ": handler finished without writing a reply");
			}
			this.protocol.errors.sendError(c, 500, "handler sent no reply");
		}
		completed(c);
		boolean keepAlive = reply.keepAlive();
		int consumed = c.requestState.requestEnd;
		c.resetRequest();
		c.net.consume(consumed);
		this.protocol.bodies.release(c);
		c.net.setRecvLimit(this.protocol.settings.maxRequestSize);
		if (!keepAlive) {
			c.net.closeAfterSend();
		}
	}

	/**
	 * Tells the request listeners (the access log) that the current request is answered.
	 */
	void completed(HttpConnection c) {
		for (RequestListener listener : this.listeners) {
			try {
				listener.requestCompleted(c, c.requestState.headNanos, c.reply.out.bytesSent());
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request listener failed", ex);
			}
		}
		this.protocol.observers.end(c, false);
		c.requestState.error = null;
	}

}
