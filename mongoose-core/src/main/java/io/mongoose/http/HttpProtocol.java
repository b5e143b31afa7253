package io.mongoose.http;

import java.lang.System.Logger.Level;

import io.mongoose.BodyHandler;
import io.mongoose.BroadcastResult;
import io.mongoose.Connection;
import io.mongoose.EventStreamHandler;
import io.mongoose.Handler;
import io.mongoose.ServerSentEvent;
import io.mongoose.RequestListener;
import io.mongoose.RequestObserver;
import io.mongoose.WebSocketHandler;
import io.mongoose.http.RequestState.Phase;
import io.mongoose.net.Event;
import io.mongoose.net.EventHandler;
import io.mongoose.net.NetConnection;

/**
 * HTTP/1.1 on the event loop: reads request heads out of the receive buffer, then hands
 * each request to {@link BodyReader} (its body), {@link Dispatcher} (handlers,
 * keep-alive, pipelining) and {@link ErrorReplies}; watches the timeouts and closes.
 * Every reply is framed by the connection's {@link ReplyWriter}.
 * <p>
 * Over 400 lines because it is the per-connection state machine: head, timeouts,
 * upgrades, event streams and closing are transitions of one state; bodies (BodyReader),
 * dispatch (Dispatcher) and error replies (ErrorReplies) are classes of their own.
 */
public final class HttpProtocol implements EventHandler {

	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	/**
	 * File replies queued on one connection before pipelined requests wait: each holds an
	 * open file (and a zip entry its inflated bytes) that the send-queue limit does not
	 * count.
	 */
	static final int MAX_QUEUED_FILES = 4;

	final Object serverParam;

	final HttpSettings settings;

	final Routes routes;

	final AsciiBuffer scratch = new AsciiBuffer();

	private Upgrader upgrader;

	WebSocketWriter webSocketWriter;

	private boolean draining;

	final ErrorReplies errors = new ErrorReplies(this);

	final BodyReader bodies = new BodyReader(this);

	final Dispatcher dispatcher;

	final ObserverCalls observers = new ObserverCalls();

	final EventStreams eventStreams = new EventStreams(this);

	public HttpProtocol(Object serverParam, HttpSettings settings, Routes routes) {
		this.serverParam = serverParam;
		this.settings = settings;
		this.routes = routes;
		this.dispatcher = new Dispatcher(this);
	}

	public void setErrorHandler(Handler errorHandler) {
		this.errors.setErrorHandler(errorHandler);
	}

	/** Runs before any handler; returning anything but NOT_HANDLED means it answered. */
	public void setAuthHandler(Handler authHandler) {
		this.dispatcher.setAuthHandler(authHandler);
	}

	/**
	 * Runs as each head is parsed, before the auth hook; returning anything but
	 * NOT_HANDLED means it answered.
	 */
	public void setPreflightHandler(Handler preflightHandler) {
		this.dispatcher.setPreflightHandler(preflightHandler);
	}

	public void setUpgrader(Upgrader upgrader, WebSocketWriter writer) {
		this.upgrader = upgrader;
		this.webSocketWriter = writer;
	}

	public void setFallback(Fallback fallback) {
		this.dispatcher.setFallback(fallback);
	}

	public void addRequestListener(RequestListener listener) {
		this.dispatcher.addRequestListener(listener);
	}

	/**
	 * Whether WebSocket upgrades are served (a {@link WebSocketHandler} gets only them).
	 */
	boolean upgrades() {
		return this.upgrader != null;
	}

	/** A graceful shutdown started: no connection is kept alive from now on. */
	boolean draining() {
		return this.draining;
	}

	/**
	 * Gives {@code handler}, registered under {@code prefix}, its replay buffer; on the
	 * IO thread (or before polling starts).
	 */
	public void addEventStream(String prefix, EventStreamHandler handler) {
		this.eventStreams.register(prefix, handler);
	}

	/**
	 * Sends {@code event} to the open event streams under {@code prefix} that
	 * {@code filter} accepts ({@code null}: all); IO thread.
	 */
	public BroadcastResult broadcastEvent(String prefix, java.util.function.Predicate<Connection> filter,
			ServerSentEvent event) {
		return this.eventStreams.broadcast(prefix, filter, event);
	}

	public void setRequestObserver(RequestObserver observer) {
		this.observers.set(observer);
	}

	/**
	 * Starts a graceful shutdown of this connection: an idle one closes now, one in the
	 * middle of a request closes after its reply, a WebSocket gets a 1001 close frame. IO
	 * thread only.
	 */
	public void drain(NetConnection net) {
		this.draining = true;
		if (!(net.attachment() instanceof HttpConnection c)) {
			return;
		}
		if (c.isWebSocket()) {
			if (this.webSocketWriter != null) {
				this.webSocketWriter.close(c, 1001, "server shutting down");
			}
			else {
				net.closeAfterSend();
			}
		}
		else if (c.requestState.phase == Phase.HEAD && net.recvLength() == 0) {
			net.closeAfterSend();
		}
		else if (c.requestState.phase == Phase.STREAMING) {
			c.eventStream().end();
		}
		else {
			c.reply.closeAfter();
		}
	}

	/**
	 * Runs blocking handlers on {@code executor} ({@code null}: the default pool); IO
	 * thread.
	 */
	public void setWorkerExecutor(java.util.concurrent.Executor executor) {
		this.dispatcher.workers.setExecutor(executor);
	}

	/** Requests whose blocking handler has not returned yet; IO thread. */
	public int runningOnWorkers() {
		return this.dispatcher.workers.running();
	}

	/**
	 * Stops the default worker pool once its queued tasks ran (the server is destroyed).
	 */
	public void shutdownWorkers() {
		this.dispatcher.workers.shutdown();
	}

	public HttpSettings settings() {
		return this.settings;
	}

	@Override
	public void onEvent(NetConnection net, Event event, Object data) {
		try {
			handle(net, event, data);
		}
		catch (RuntimeException ex) {
			failed(net, event, ex);
		}
	}

	/**
	 * Whatever failed while a request was being served (the built-in pipeline, an
	 * upgrade): a request not answered yet gets a 500 instead of a silent close.
	 */
	private void failed(NetConnection net, Event event, RuntimeException ex) {
		log.log(Level.ERROR, net + ": failed on " + event + ", answering 500 if no reply started, then closing", ex);
		if (event == Event.CLOSE || net.isClosed()) {
			return;
		}
		if (!(net.attachment() instanceof HttpConnection c) || c.isWebSocket()
				|| c.requestState.phase == Phase.STREAMING) {
			net.closeNow();
			return;
		}
		c.reply.closeAfter();
		c.requestState.error = ex;
		try {
			this.errors.sendError(c, 500, null);
		}
		catch (RuntimeException again) {
			net.closeNow();
			return;
		}
		c.requestState.phase = Phase.HEAD;
		net.expectUnreadInput(); // the request's body may be unread
		net.closeAfterSend();
	}

	private void handle(NetConnection net, Event event, Object data) {
		switch (event) {
			case ACCEPT -> {
				HttpConnection c = new HttpConnection(net, this);
				net.attach(c);
				net.setRecvLimit(this.settings.maxRequestSize);
			}
			case RECV -> {
				HttpConnection c = (HttpConnection) net.attachment();
				RequestState s = c.requestState;
				if (s.phase == Phase.STREAMING) {
					// an event stream reads no more requests: what the client sends is
					// dropped, so reading goes on and its close is seen
					net.consume(net.recvLength());
					return;
				}
				if (s.phase == Phase.HEAD && s.requestStartMillis == 0) {
					s.requestStartMillis = net.lastIoMillis();
				}
				process(c);
			}
			case SEND -> {
				HttpConnection c = (HttpConnection) net.attachment();
				if (c.requestState.phase == Phase.HEAD && net.recvLength() > 0) {
					process(c);
				}
			}
			case POLL -> poll((HttpConnection) net.attachment(), (Long) data);
			case CLOSE -> closed((HttpConnection) net.attachment());
			default -> {
			}
		}
	}

	// ---- reading requests
	// -----------------------------------------------------------------------

	void process(HttpConnection c) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		while (!net.isClosing() && !net.isClosed()) {
			if (s.phase == Phase.HEAD) {
				if (net.recvLength() == 0 || net.queuedBytes() > net.sendLimit() / 2
						|| net.queuedFiles() >= MAX_QUEUED_FILES) {
					return; // resumed by SEND as the queue drains
				}
				if (!readHead(c)) {
					return;
				}
			}
			if (s.phase == Phase.BODY) {
				if (!this.bodies.read(c)) {
					return;
				}
				this.dispatcher.dispatch(c);
			}
			if (s.phase != Phase.HEAD) {
				return;
			}
		}
	}

	/**
	 * Parses the head once it is complete; false if more bytes are needed or it failed.
	 */
	private boolean readHead(HttpConnection c) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		byte[] buf = net.recvArray();
		int length = net.recvLength();
		if (s.scanFrom == 0) {
			s.leadingBytes = RequestParser.leadingBlankLines(buf, length);
			if (s.leadingBytes == length) {
				net.consume(length);
				s.requestStartMillis = 0;
				return false;
			}
		}
		int end = RequestParser.headEnd(buf, Math.max(s.scanFrom, s.leadingBytes), length);
		if (end < 0) {
			if (length >= this.settings.maxRequestSize) {
				HttpError error = RequestParser.overlongHead(buf, s.leadingBytes, length, this.settings.maxRequestSize);
				this.errors.reject(c, error.status(), error.getMessage());
			}
			else {
				s.scanFrom = Math.max(s.leadingBytes, length - 3);
			}
			return false;
		}
		try {
			RequestParser.parse(buf, s.leadingBytes, end, this.settings.maxHeaders, c.request);
		}
		catch (HttpError ex) {
			this.errors.reject(c, ex.status(), ex.getMessage());
			return false;
		}
		catch (RuntimeException ex) { // a parser bug still gets an answer
			this.errors.reject(c, 400, "unparsable request head: " + ex);
			return false;
		}
		s.headNanos = System.nanoTime();
		this.observers.start(c);
		Request request = c.request;
		s.handler = this.routes.resolve(c);
		s.bodyStart = end;
		// only a WebSocketHandler upgrades; for a plain handler the request is an
		// ordinary one
		if (this.upgrader != null && request.upgradeWebSocket
				&& (s.handler == null || s.handler instanceof WebSocketHandler)) {
			s.requestEnd = end;
			if (this.dispatcher.authRefused(c)) {
				c.reply.closeAfter();
				this.dispatcher.finish(c);
				return false;
			}
			request.detach();
			this.upgrader.upgrade(c, s.handler);
			if (c.isWebSocket()) {
				c.reply.reportStatus(101);
			}
			this.dispatcher.completed(c); // the handshake, switched or refused: the
											// access
											// log has it
			return false;
		}
		s.requestEnd = end;
		if (this.dispatcher.preflightAnswered(c)) {
			return true;
		}
		if (!request.hasBody()) {
			this.dispatcher.dispatch(c);
			return true;
		}
		if (s.handler != null && !lengthAllowed(c, s.handler)) {
			return false;
		}
		if (!this.dispatcher.authorizeHead(c)) {
			return false;
		}
		// a body handler takes the body as it arrives; others get it buffered
		BodyHandler streaming = (s.handler instanceof BodyHandler b) ? b : null;
		if (s.handler == null) {
			streaming = this.dispatcher.bodyHandler(c);
			if (!lengthAllowed(c, streaming)) {
				return false;
			}
		}
		String expect = request.header("Expect");
		if (expect != null) {
			if (!expect.equalsIgnoreCase("100-continue")) {
				this.errors.reject(c, 417, "unsupported Expect: " + expect);
				return false;
			}
			long needed = request.chunked ? 1 : request.contentLength;
			if (request.version == 11 && length - end < needed) {
				c.reply.sendContinue();
			}
		}
		s.phase = Phase.BODY;
		if (streaming != null) {
			this.bodies.startStream(c, end, streaming);
		}
		else {
			this.bodies.start(c, end);
		}
		return true;
	}

	/**
	 * Refuses with 413 a declared body longer than {@code handler} takes: a body
	 * handler's own limit, else {@code max_body_size}.
	 */
	private boolean lengthAllowed(HttpConnection c, Handler handler) {
		long length = c.request.contentLength;
		boolean streams = handler instanceof BodyHandler;
		long limit = streams ? ((BodyHandler) handler).maxBodySize() : this.settings.maxBodySize;
		if (length > limit) {
			this.errors.reject(c, 413, "body of " + length + " bytes exceeds "
					+ (streams ? "the limit of its body handler, " + limit : "max_body_size " + limit));
			return false;
		}
		return true;
	}

	/** Sends an error reply through the error handler or the default page. */
	void sendError(HttpConnection c, int status, String detail) {
		this.errors.sendError(c, status, detail);
	}

	// ---- timers and closing
	// ---------------------------------------------------------------------------

	private void poll(HttpConnection c, long now) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		switch (s.phase) {
			case HEAD -> {
				if (s.requestStartMillis != 0 && now - s.requestStartMillis > this.settings.requestTimeoutMillis) {
					this.errors.reject(c, 408,
							"request head not received within " + this.settings.requestTimeoutMillis + " ms");
				}
				else if (now - net.lastIoMillis() > this.settings.idleTimeoutMillis && !net.hasPendingOutput()) {
					net.closeNow();
				}
			}
			case BODY -> {
				StreamedBody streamed = s.streamed;
				if (streamed != null && streamed.held()) {
					return; // the handler holds the body back, not the client
				}
				long elapsed = now - s.bodyStartMillis;
				long received = net.recvLength() - s.bodyStart;
				long lastIo = net.lastIoMillis();
				if (streamed != null) { // the time the handler held it does not count
					elapsed -= streamed.heldMillis();
					received += streamed.received();
					lastIo = Math.max(lastIo, streamed.releasedMillis());
				}
				if (now - lastIo > this.settings.idleTimeoutMillis) {
					this.errors.reject(c, 408, "request body stalled for " + this.settings.idleTimeoutMillis + " ms");
				}
				else if (elapsed > this.settings.requestTimeoutMillis && this.settings.minBodyRate > 0
						&& received * 1000 / elapsed < this.settings.minBodyRate) {
					this.errors.reject(c, 408, "request body arrives at " + received * 1000 / elapsed
							+ " bytes/s, below min_body_rate " + this.settings.minBodyRate);
				}
			}
			case CALL_AGAIN -> {
				if (!net.isClosing() && net.queuedBytes() <= net.sendLimit() / 2) {
					s.phase = Phase.HEAD;
					this.dispatcher.serve(c);
					if (s.phase == Phase.HEAD) {
						process(c);
					}
				}
				else if (!net.isClosing()) {
					net.pollSoon(); // still waiting for the send queue to drain
				}
			}
			case STREAMING -> this.eventStreams.poll(c, now);
			case SUSPENDED -> {
				long timeout = this.settings.asyncTimeoutMillis;
				Suspension suspension = s.suspension;
				if (timeout > 0 && now - s.suspendedMillis > timeout && suspension != null && suspension.cancel()) {
					log.log(Level.INFO, () -> "503 Service Unavailable for " + c + ": no async reply within " + timeout
							+ " ms (async_timeout_ms)");
					s.suspension = null;
					s.phase = Phase.HEAD;
					this.errors.sendError(c, 503, null);
					this.dispatcher.finish(c);
					process(c);
				}
			}
			default -> {
			}
		}
	}

	private void closed(HttpConnection c) {
		this.bodies.release(c);
		RequestState s = c.requestState;
		if (s.phase == Phase.STREAMING) {
			this.eventStreams.closed(c);
		}
		Suspension suspension = s.suspension;
		if (suspension != null) {
			suspension.cancel();
		}
		Handler handler = s.handler;
		if (s.phase == Phase.CALL_AGAIN && handler != null) {
			lastCall(c, handler);
		}
		if (s.phase != Phase.WORKER) {
			this.observers.end(c, true); // a request in progress (none: nothing to do)
		}
	}

	/** Calls a long-running handler once more, as its connection closes. */
	private void lastCall(HttpConnection c, Handler handler) {
		c.markClosing();
		if (handler.isBlocking()) {
			this.dispatcher.workers.lastCall(c, handler);
			return;
		}
		RequestObserver.Scope scope = this.observers.open(c);
		try {
			handler.handle(c);
		}
		catch (Exception ex) {
			log.log(Level.WARNING, "long-running handler failed while closing " + c, ex);
		}
		finally {
			ObserverCalls.close(scope);
		}
	}

}
