package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.RequestListener;
import io.mongoose.RequestObserver;
import io.mongoose.WebSocketHandler;
import io.mongoose.net.Event;
import io.mongoose.net.EventHandler;
import io.mongoose.net.NetConnection;

/**
 * HTTP/1.1 on the event loop: reads request heads and bodies out of the receive buffer,
 * dispatches them to handlers by URI prefix, and keeps connections alive (with
 * pipelining) where HTTP allows.
 */
public final class HttpProtocol implements EventHandler {

	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	/**
	 * File replies queued on one connection before pipelined requests wait: each holds an
	 * open file (and a zip entry its inflated bytes) that the send-queue limit does not
	 * count.
	 */
	static final int MAX_QUEUED_FILES = 4;

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	final Object serverParam;

	final HttpSettings settings;

	final Routes routes;

	final AsciiBuffer scratch = new AsciiBuffer();

	private Handler errorHandler;

	private Handler authHandler;

	/** Runs first on every request that is not an upgrade (CORS); may answer it. */
	private Handler preflightHandler;

	private Upgrader upgrader;

	private Fallback fallback;

	WebSocketWriter webSocketWriter;

	/**
	 * Copied when one is added (rarely, from any thread); read per request without an
	 * iterator.
	 */
	private volatile RequestListener[] listeners = new RequestListener[0];

	/** Set before polling starts or on the IO thread, like the handlers. */
	private RequestObserver observer;

	private boolean draining;

	final Workers workers = new Workers(this);

	public HttpProtocol(Object serverParam, HttpSettings settings, Routes routes) {
		this.serverParam = serverParam;
		this.settings = settings;
		this.routes = routes;
	}

	public void setErrorHandler(Handler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/** Runs before any handler; returning anything but NOT_HANDLED means it answered. */
	public void setAuthHandler(Handler authHandler) {
		this.authHandler = authHandler;
	}

	/**
	 * Runs as each head is parsed, before the auth hook; returning anything but
	 * NOT_HANDLED means it answered.
	 */
	public void setPreflightHandler(Handler preflightHandler) {
		this.preflightHandler = preflightHandler;
	}

	public void setUpgrader(Upgrader upgrader, WebSocketWriter writer) {
		this.upgrader = upgrader;
		this.webSocketWriter = writer;
	}

	public void setFallback(Fallback fallback) {
		this.fallback = fallback;
	}

	public synchronized void addRequestListener(RequestListener listener) {
		RequestListener[] grown = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		grown[grown.length - 1] = listener;
		this.listeners = grown;
	}

	public void setRequestObserver(RequestObserver observer) {
		this.observer = observer;
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
		if (c.websocket) {
			if (this.webSocketWriter != null) {
				this.webSocketWriter.close(c, 1001, "server shutting down");
			}
			else {
				net.closeAfterSend();
			}
		}
		else if (c.state == HttpConnection.State.HEAD && net.recvLength() == 0) {
			net.closeAfterSend();
		}
		else {
			c.closeAfterResponse = true;
		}
	}

	/**
	 * Runs blocking handlers on {@code executor} ({@code null}: the default pool); IO
	 * thread.
	 */
	public void setWorkerExecutor(java.util.concurrent.Executor executor) {
		this.workers.setExecutor(executor);
	}

	/** Requests whose blocking handler has not returned yet; IO thread. */
	public int runningOnWorkers() {
		return this.workers.running();
	}

	/**
	 * Stops the default worker pool once its queued tasks ran (the server is destroyed).
	 */
	public void shutdownWorkers() {
		this.workers.shutdown();
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
		if (!(net.attachment() instanceof HttpConnection c) || c.websocket) {
			net.closeNow();
			return;
		}
		c.closeAfterResponse = true;
		try {
			sendError(c, 500, null);
		}
		catch (RuntimeException again) {
			net.closeNow();
			return;
		}
		c.state = HttpConnection.State.HEAD;
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
				if (c.state == HttpConnection.State.HEAD && c.requestStartMillis == 0) {
					c.requestStartMillis = net.lastIoMillis();
				}
				process(c);
			}
			case SEND -> {
				HttpConnection c = (HttpConnection) net.attachment();
				if (c.state == HttpConnection.State.HEAD && net.recvLength() > 0) {
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

	private void process(HttpConnection c) {
		NetConnection net = c.net;
		while (!net.isClosing() && !net.isClosed()) {
			if (c.state == HttpConnection.State.HEAD) {
				if (net.recvLength() == 0 || net.queuedBytes() > net.sendLimit() / 2
						|| net.queuedFiles() >= MAX_QUEUED_FILES) {
					return; // resumed by SEND as the queue drains
				}
				if (!readHead(c)) {
					return;
				}
			}
			if (c.state == HttpConnection.State.BODY) {
				if (!readBody(c)) {
					return;
				}
				dispatch(c);
			}
			if (c.state != HttpConnection.State.HEAD) {
				return;
			}
		}
	}

	/**
	 * Parses the head once it is complete; false if more bytes are needed or it failed.
	 */
	private boolean readHead(HttpConnection c) {
		NetConnection net = c.net;
		byte[] buf = net.recvArray();
		int length = net.recvLength();
		if (c.scanFrom == 0) {
			c.leadingBytes = RequestParser.leadingBlankLines(buf, length);
			if (c.leadingBytes == length) {
				net.consume(length);
				c.requestStartMillis = 0;
				return false;
			}
		}
		int end = RequestParser.headEnd(buf, Math.max(c.scanFrom, c.leadingBytes), length);
		if (end < 0) {
			if (length >= this.settings.maxRequestSize) {
				HttpError error = RequestParser.overlongHead(buf, c.leadingBytes, length, this.settings.maxRequestSize);
				reject(c, error.status(), error.getMessage());
			}
			else {
				c.scanFrom = Math.max(c.leadingBytes, length - 3);
			}
			return false;
		}
		try {
			RequestParser.parse(buf, c.leadingBytes, end, this.settings.maxHeaders, c.request);
		}
		catch (HttpError ex) {
			reject(c, ex.status(), ex.getMessage());
			return false;
		}
		catch (RuntimeException ex) { // a parser bug still gets an answer
			reject(c, 400, "unparsable request head: " + ex);
			return false;
		}
		c.headNanos = System.nanoTime();
		observeStart(c);
		Request request = c.request;
		c.handler = this.routes.resolve(c);
		c.bodyStart = end;
		// only a WebSocketHandler upgrades; for a plain handler the request is an
		// ordinary one
		if (this.upgrader != null && request.upgradeWebSocket
				&& (c.handler == null || c.handler instanceof WebSocketHandler)) {
			c.requestEnd = end;
			if (this.authHandler != null && call(c, this.authHandler) != Result.NOT_HANDLED) {
				c.closeAfterResponse = true;
				finish(c);
				return false;
			}
			request.detach();
			this.upgrader.upgrade(c, c.handler);
			if (c.websocket) {
				c.statusCode = 101;
			}
			completed(c); // the handshake, switched or refused: the access log has it
			return false;
		}
		if (this.preflightHandler != null) {
			c.requestEnd = end;
			if (call(c, this.preflightHandler) != Result.NOT_HANDLED) {
				c.closeAfterResponse |= request.hasBody(); // its body is never read
				finish(c);
				return true;
			}
		}
		if (!request.hasBody()) {
			c.requestEnd = end;
			dispatch(c);
			return true;
		}
		if (request.contentLength > this.settings.maxBodySize) {
			reject(c, 413, "body of " + request.contentLength + " bytes exceeds " + this.settings.maxBodySize);
			return false;
		}
		if (!authorizeHead(c)) {
			return false;
		}
		String expect = request.header("Expect");
		if (expect != null) {
			if (!expect.equalsIgnoreCase("100-continue")) {
				reject(c, 417, "unsupported Expect: " + expect);
				return false;
			}
			long needed = request.chunked ? 1 : request.contentLength;
			if (request.version == 11 && length - end < needed) {
				net.write(CONTINUE);
			}
		}
		c.state = HttpConnection.State.BODY;
		c.bodyStartMillis = net.lastIoMillis();
		if (request.chunked) {
			if (c.chunkedDecoder == null) {
				c.chunkedDecoder = new ChunkedDecoder();
			}
			c.chunkedDecoder.start(end);
			c.bodyRecvLimit = (int) Math.min(Integer.MAX_VALUE - 64, end + this.settings.maxBodySize + 64 * 1024);
		}
		else {
			c.bodyRecvLimit = (int) Math.max(this.settings.maxRequestSize, end + request.contentLength);
		}
		// the receive buffer grows from max_request_size as the body arrives: see
		// growBody
		return true;
	}

	/**
	 * Authenticates a request with a body before the body is read (and before any
	 * {@code 100 Continue}): the auth hook, then, when no handler owns the URI, the
	 * fallback's own check. A refused request is answered and the connection closes, its
	 * body unread; a hook that let it through is not called again at dispatch.
	 */
	private boolean authorizeHead(HttpConnection c) {
		c.requestEnd = c.bodyStart;
		boolean keepOpen = !c.closeAfterResponse;
		c.closeAfterResponse = true; // a refusal written now says Connection: close
		boolean refused = this.authHandler != null && call(c, this.authHandler) != Result.NOT_HANDLED;
		c.headAuthorized = true;
		c.forgetContent(); // a hook that looked at the body saw none yet
		if (!refused && c.handler == null && this.fallback != null) {
			refused = !this.fallback.authorize(c);
		}
		if (refused) {
			finish(c);
			return false;
		}
		c.closeAfterResponse = !keepOpen;
		return true;
	}

	/** True once the whole body is buffered. */
	private boolean readBody(HttpConnection c) {
		NetConnection net = c.net;
		Request request = c.request;
		if (request.chunked) {
			ChunkedDecoder decoder = c.chunkedDecoder;
			try {
				if (!decoder.decode(net.recvArray(), net.recvLength(), c.bodyStart, this.settings.maxBodySize)) {
					growBody(c);
					return false;
				}
			}
			catch (HttpError ex) {
				reject(c, ex.status(), ex.getMessage());
				return false;
			}
			catch (RuntimeException ex) { // a decoder bug still gets an answer
				reject(c, 400, "undecodable chunked body: " + ex);
				return false;
			}
			int end = decoder.decodedEnd();
			net.cut(end, decoder.rawEnd() - end);
			c.bodyLength = end - c.bodyStart;
			c.requestEnd = end;
			return true;
		}
		long end = c.bodyStart + request.contentLength;
		if (net.recvLength() < end) {
			growBody(c);
			return false;
		}
		c.bodyLength = (int) request.contentLength;
		c.requestEnd = (int) end;
		return true;
	}

	/**
	 * Doubles the receive buffer of a body that filled it, up to what the body needs,
	 * charging the growth to the server's {@code max_buffered_bytes} first: bytes are
	 * held only once they arrive, and a body that does not fit is refused with 503
	 * instead of exhausting the heap.
	 */
	private void growBody(HttpConnection c) {
		NetConnection net = c.net;
		BufferBudget budget = this.settings.bufferBudget;
		// a loop: pipelined bytes may already fill more than one doubling
		while (net.isRecvFull() && net.recvLimit() < c.bodyRecvLimit) {
			int limit = net.recvLimit();
			int grown = (int) Math.min(c.bodyRecvLimit, 2L * limit);
			if (!budget.tryCharge(grown - limit)) {
				reject(c, 503, "request bodies and WebSocket messages buffered by the server reach max_buffered_bytes ("
						+ budget.limit() + ")");
				return;
			}
			c.bufferCharge += grown - limit;
			net.setRecvLimit(grown);
		}
	}

	/**
	 * Gives back what the current body charged; its bytes are consumed or the connection
	 * is gone.
	 */
	private void releaseBuffer(HttpConnection c) {
		if (c.bufferCharge > 0) {
			this.settings.bufferBudget.release(c.bufferCharge);
			c.bufferCharge = 0;
			c.net.trimRecv();
		}
	}

	// ---- dispatching
	// ------------------------------------------------------------------------------

	private void dispatch(HttpConnection c) {
		c.state = HttpConnection.State.HEAD;
		if (this.authHandler != null && !c.headAuthorized && call(c, this.authHandler) != Result.NOT_HANDLED) {
			finish(c);
			return;
		}
		if (c.handler == null) {
			serveFallback(c);
			return;
		}
		if (c.handler instanceof WebSocketHandler && this.upgrader != null) {
			sendError(c, 426, "this URI speaks WebSocket only");
			finish(c);
			return;
		}
		serve(c);
	}

	/** Calls the request's handler, here or (a blocking one) on a worker. */
	private void serve(HttpConnection c) {
		if (!c.handler.isBlocking()) {
			after(c, call(c, c.handler));
		}
		else if (!this.workers.submit(c, c.handler)) {
			log.log(Level.INFO, () -> "503 Service Unavailable for " + c + ": " + this.workers.refusal());
			sendError(c, 503, null);
			finish(c);
		}
	}

	/**
	 * A blocking handler returned on its worker (or threw {@code failure}); IO thread.
	 */
	void returned(HttpConnection c, Result result, Throwable failure) {
		if (c.net.isClosed()) {
			Suspension suspension = c.suspension;
			if (suspension != null) {
				suspension.cancel();
			}
			c.failure = failure;
			observeEnd(c, true); // closed while the worker ran: its scope is closed now
			return;
		}
		c.state = HttpConnection.State.HEAD;
		after(c, (failure != null) ? handlerFailed(c, failure) : result);
		if (c.state == HttpConnection.State.HEAD) {
			process(c); // the pipelined requests that waited
		}
	}

	/** Completes a suspended request with {@code reply}; IO thread. */
	void resume(HttpConnection c, Suspension suspension, Handler reply) {
		if (c.net.isClosed() || c.suspension != suspension) {
			return;
		}
		if (c.state != HttpConnection.State.SUSPENDED) {
			suspension.early = reply; // its handler still runs on a worker: the reply
										// follows when it returns
			return;
		}
		c.suspension = null;
		c.state = HttpConnection.State.HEAD;
		c.handler = reply;
		serve(c);
		if (c.state == HttpConnection.State.HEAD) {
			process(c);
		}
	}

	private void after(HttpConnection c, Result result) {
		Suspension suspension = c.suspension;
		if (suspension != null) {
			c.state = HttpConnection.State.SUSPENDED;
			c.suspendedMillis = System.currentTimeMillis();
			if (suspension.early != null) {
				resume(c, suspension, suspension.early);
			}
			return;
		}
		switch (result) {
			case NOT_HANDLED -> {
				if (c.anyOutput) {
					log.log(Level.WARNING, c + ": handler returned NOT_HANDLED after writing a reply");
					finish(c);
				}
				else {
					serveFallback(c);
				}
			}
			case CALL_AGAIN -> {
				c.state = HttpConnection.State.CALL_AGAIN;
				c.net.pollSoon();
			}
			case CLOSE -> {
				c.closeAfterResponse = true;
				finish(c);
			}
			default -> finish(c);
		}
	}

	private Result call(HttpConnection c, Handler handler) {
		RequestObserver.Scope scope = (c.observed != null) ? openScope(c) : null;
		try {
			Result result = handler.handle(c);
			c.flushHead();
			return (result != null) ? result : Result.DONE;
		}
		catch (Throwable ex) {
			return handlerFailed(c, ex);
		}
		finally {
			if (scope != null) {
				closeScope(scope);
			}
		}
	}

	private Result handlerFailed(HttpConnection c, Throwable ex) {
		log.log(Level.ERROR, "handler failed on " + c, ex);
		c.failure = ex;
		Suspension suspension = c.suspension;
		if (suspension != null && suspension.cancel()) {
			c.suspension = null; // the 500 answers it
		}
		if (c.discardHead()) {
			sendError(c, 500, null);
		}
		else {
			c.closeAfterResponse = true;
		}
		return Result.DONE;
	}

	private void serveFallback(HttpConnection c) {
		if (this.fallback == null || !this.fallback.serve(c)) {
			sendError(c, 404, null);
		}
		if (c.state == HttpConnection.State.HEAD) {
			finish(c);
		}
	}

	/**
	 * Ends the current request: closes its body framing, then keeps the connection or
	 * closes it.
	 */
	void finish(HttpConnection c) {
		NetConnection net = c.net;
		c.endHeadWithoutBody();
		if (!c.anyOutput) {
			if (c.refusedReply > 0) {
				log.log(Level.WARNING,
						c + ": reply of " + c.refusedReply
								+ " bytes refused, larger than the send queue allows (send_queue_limit "
								+ net.sendLimit() + ")");
			}
			else {
				log.log(Level.WARNING, c + ": handler finished without writing a reply");
			}
			sendError(c, 500, "handler sent no reply");
		}
		if (c.chunkedOut && !c.isHead()) {
			byte[] end = LAST_CHUNK;
			if (net.write(end) == 0) {
				c.closeAfterResponse = true;
			}
		}
		completed(c);
		boolean keepAlive = keepAlive(c);
		int consumed = c.requestEnd;
		c.resetRequest();
		net.consume(consumed);
		releaseBuffer(c);
		net.setRecvLimit(this.settings.maxRequestSize);
		if (!keepAlive) {
			net.closeAfterSend();
		}
	}

	/**
	 * Tells the request listeners (the access log) that the current request is answered.
	 */
	private void completed(HttpConnection c) {
		for (RequestListener listener : this.listeners) {
			try {
				listener.requestCompleted(c, c.headNanos, c.bytesSent);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request listener failed", ex);
			}
		}
		observeEnd(c, false);
		c.failure = null;
	}

	// ---- the request observer
	// ------------------------------------------------------------------------

	/** Tells the observer a request started; IO thread. */
	private void observeStart(HttpConnection c) {
		RequestObserver observer = this.observer;
		if (observer != null) {
			try {
				c.observed = observer.requestStarted(c);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request observer failed", ex);
			}
		}
	}

	/**
	 * Opens the observer's scope around a handler call, on the calling thread;
	 * {@code null} if it failed.
	 */
	RequestObserver.Scope openScope(HttpConnection c) {
		try {
			return this.observer.handlerScope(c, c.observed);
		}
		catch (RuntimeException ex) {
			log.log(Level.WARNING, "request observer failed", ex);
			return null;
		}
	}

	static void closeScope(RequestObserver.Scope scope) {
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
	private void observeEnd(HttpConnection c, boolean aborted) {
		Object observed = c.observed;
		if (observed != null) {
			c.observed = null;
			try {
				this.observer.requestCompleted(c, observed, c.failure, aborted);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "request observer failed", ex);
			}
		}
	}

	boolean keepAlive(HttpConnection c) {
		Request request = c.request;
		if (this.draining || c.closeAfterResponse || c.closeDelimited || request.connectionClose) {
			return false;
		}
		return request.version == 11 || request.connectionKeepAlive;
	}

	// ---- errors
	// ------------------------------------------------------------------------------------

	/** Refuses a request that cannot be read further: reply, then close. */
	private void reject(HttpConnection c, int status, String reason) {
		log.log(Level.INFO,
				() -> status + " " + StatusText.of(status) + " for " + c.net.remoteAddress() + ": " + reason);
		boolean first = !c.net.isClosing(); // a timeout may fire again while the reply
											// drains
		c.closeAfterResponse = true;
		if (c.state == HttpConnection.State.HEAD) {
			c.headNanos = System.nanoTime(); // the head never completed: it ends now
		}
		if (c.request.method == null) {
			c.request.method = "GET";
			c.request.version = 11;
		}
		if (first && c.observed == null) {
			observeStart(c); // refused before its head was parsed
		}
		sendError(c, status, reason);
		if (first) {
			completed(c);
		}
		c.net.closeAfterSend();
		c.state = HttpConnection.State.HEAD;
		releaseBuffer(c);
	}

	void sendError(HttpConnection c, int status, String detail) {
		if (c.statusSent) {
			c.closeAfterResponse = true;
			return;
		}
		c.statusCode = status;
		if (this.errorHandler != null) {
			try {
				Result result = this.errorHandler.handle(c);
				c.flushHead();
				if (result != Result.NOT_HANDLED && c.anyOutput) {
					return;
				}
			}
			catch (Exception ex) {
				log.log(Level.ERROR, "error handler failed for " + status, ex);
				if (!c.discardHead()) {
					c.closeAfterResponse = true;
					return;
				}
				c.statusCode = status;
			}
		}
		String reason = StatusText.of(status);
		String body = (status >= 300 && status < 400) ? ""
				: status + " " + reason + "\n" + ((detail != null && status < 500) ? detail + "\n" : "");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		c.statusSent = true;
		c.headersEnded = true;
		AsciiBuffer head = this.scratch.reset();
		c.statusLine(head, status);
		head.header("Content-Type", "text/plain; charset=utf-8");
		head.header("Content-Length", bytes.length);
		head.header("Date", HttpDate.now());
		if (status == 426) { // RFC 6455 §4.4, RFC 9110 §7.8: name the protocol to upgrade
								// to
			head.header("Sec-WebSocket-Version", "13");
			head.header("Upgrade", "websocket");
			head.header("Connection",
					!keepAlive(c) ? "Upgrade, close" : (c.request.version == 10) ? "Upgrade, keep-alive" : "Upgrade");
		}
		else {
			if (status == 503) {
				head.header("Retry-After", "1"); // overload (the worker queue, an async
													// reply): soon worth a retry
			}
			c.connectionHeader(head);
		}
		head.crlf();
		if (!c.queue(head, bytes, 0, c.isHead() ? 0 : bytes.length, false)) {
			c.net.closeNow();
		}
	}

	// ---- timers and closing
	// ---------------------------------------------------------------------------

	private void poll(HttpConnection c, long now) {
		NetConnection net = c.net;
		switch (c.state) {
			case HEAD -> {
				if (c.requestStartMillis != 0 && now - c.requestStartMillis > this.settings.requestTimeoutMillis) {
					reject(c, 408, "request head not received within " + this.settings.requestTimeoutMillis + " ms");
				}
				else if (now - net.lastIoMillis() > this.settings.idleTimeoutMillis && !net.hasPendingOutput()) {
					net.closeNow();
				}
			}
			case BODY -> {
				long elapsed = now - c.bodyStartMillis;
				long received = net.recvLength() - c.bodyStart;
				if (now - net.lastIoMillis() > this.settings.idleTimeoutMillis) {
					reject(c, 408, "request body stalled for " + this.settings.idleTimeoutMillis + " ms");
				}
				else if (elapsed > this.settings.requestTimeoutMillis && this.settings.minBodyRate > 0
						&& received * 1000 / elapsed < this.settings.minBodyRate) {
					reject(c, 408, "request body arrives at " + received * 1000 / elapsed
							+ " bytes/s, below min_body_rate " + this.settings.minBodyRate);
				}
			}
			case CALL_AGAIN -> {
				if (!net.isClosing() && net.queuedBytes() <= net.sendLimit() / 2) {
					c.state = HttpConnection.State.HEAD;
					serve(c);
					if (c.state == HttpConnection.State.HEAD) {
						process(c);
					}
				}
				else if (!net.isClosing()) {
					net.pollSoon(); // still waiting for the send queue to drain
				}
			}
			case SUSPENDED -> {
				long timeout = this.settings.asyncTimeoutMillis;
				Suspension suspension = c.suspension;
				if (timeout > 0 && now - c.suspendedMillis > timeout && suspension != null && suspension.cancel()) {
					log.log(Level.INFO, () -> "503 Service Unavailable for " + c + ": no async reply within " + timeout
							+ " ms (async_timeout_ms)");
					c.suspension = null;
					c.state = HttpConnection.State.HEAD;
					sendError(c, 503, null);
					finish(c);
					process(c);
				}
			}
			default -> {
			}
		}
	}

	private void closed(HttpConnection c) {
		releaseBuffer(c);
		Suspension suspension = c.suspension;
		if (suspension != null) {
			suspension.cancel();
		}
		if (c.state == HttpConnection.State.CALL_AGAIN && c.handler != null && c.handler.isBlocking()) {
			c.wsBits = 1;
			this.workers.lastCall(c, c.handler);
		}
		else if (c.state == HttpConnection.State.CALL_AGAIN && c.handler != null) {
			c.wsBits = 1;
			RequestObserver.Scope scope = (c.observed != null) ? openScope(c) : null;
			try {
				c.handler.handle(c);
			}
			catch (Exception ex) {
				log.log(Level.WARNING, "long-running handler failed while closing " + c, ex);
			}
			finally {
				if (scope != null) {
					closeScope(scope);
				}
			}
		}
		if (c.state != HttpConnection.State.WORKER) {
			observeEnd(c, true); // a request in progress (none: nothing to do)
		}
	}

	private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

}
