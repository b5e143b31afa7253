package io.mongoose.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.mongoose.AsyncReply;
import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Header;
import io.mongoose.net.NetConnection;

/**
 * The HTTP state of one connection and the {@link Connection} a handler sees: the current
 * request, and the reply helpers that frame its answer.
 */
public final class HttpConnection implements Connection {

	enum State {

		/** Waiting for (the rest of) a request head. */
		HEAD,
		/** Head parsed, buffering the body. */
		BODY,
		/** A long-running handler is called on every poll. */
		CALL_AGAIN,
		/**
		 * A blocking handler runs on a worker thread, which owns the request meanwhile.
		 */
		WORKER,
		/** The handler suspended the request; its {@link Suspension} completes it. */
		SUSPENDED,
		/** Handed over to another protocol (WebSocket). */
		UPGRADED

	}

	private static final byte[] CRLF = { '\r', '\n' };

	final NetConnection net;

	final HttpProtocol protocol;

	final Request request;

	State state = State.HEAD;

	int scanFrom;

	int leadingBytes;

	/** Index in the receive buffer where the body starts, and its decoded length. */
	int bodyStart;

	int bodyLength;

	/** Bytes of the receive buffer that belong to the current request. */
	int requestEnd;

	/**
	 * Receive-buffer size the body being read may grow to, and what its growth is
	 * charged.
	 */
	int bodyRecvLimit;

	long bufferCharge;

	ChunkedDecoder chunkedDecoder;

	Handler handler;

	long requestStartMillis;

	long bodyStartMillis;

	long headNanos;

	/**
	 * The {@link io.mongoose.RequestObserver}'s state of the current request;
	 * {@code null} when unobserved.
	 */
	Object observed;

	/** What the current request's handler threw, for the observer. */
	Throwable failure;

	private byte[] content;

	// reply state
	int statusCode;

	boolean statusSent;

	boolean headersEnded;

	boolean chunkedOut;

	boolean closeDelimited;

	boolean closeAfterResponse;

	boolean anyOutput;

	long bytesSent;

	private String authenticatedUser;

	/** The auth hook already passed this request at its head. */
	boolean headAuthorized;

	/** Bytes of a {@link #sendReply} refused because they did not fit the send queue. */
	long refusedReply;

	/**
	 * The status line and headers of {@link #sendStatus}/{@link #sendHeader}, held back
	 * until the body starts or the handler returns, so that a handler failing half-way
	 * through its head can still be answered with a 500 instead of a truncated reply.
	 */
	private AsciiBuffer pendingHead;

	// websocket state, kept here so the Connection stays the same object after the
	// upgrade
	boolean websocket;

	int wsBits;

	private Object upgradeState;

	private Object connectionParam;

	/** The worker thread running this request's blocking handler, or {@code null}. */
	volatile Thread worker;

	/**
	 * The scratch buffer of that worker ({@link HttpProtocol#scratch} is the IO
	 * thread's).
	 */
	private AsciiBuffer workerScratch;

	/**
	 * Set by {@link #suspend()} (from the IO thread or the worker) until the request
	 * ends.
	 */
	volatile Suspension suspension;

	long suspendedMillis;

	private String remoteIp;

	/** The route a router resolved the request to, and its captures. */
	private String matchedRoute;

	private Map<String, String> pathVariables = Map.of();

	/**
	 * Checked header lines for the current reply however it is sent
	 * ({@link #addReplyHeader}).
	 */
	private StringBuilder replyHeaders;

	HttpConnection(NetConnection net, HttpProtocol protocol) {
		this.net = net;
		this.protocol = protocol;
		this.request = new Request(net::recvArray);
		this.request.reset();
	}

	/** The socket under this connection (for protocol layers built on HTTP). */
	public NetConnection net() {
		return this.net;
	}

	// ---- request
	// ----------------------------------------------------------------------------

	@Override
	public String requestMethod() {
		return this.request.method;
	}

	@Override
	public String uri() {
		return this.request.path;
	}

	@Override
	public String httpVersion() {
		return this.request.versionText();
	}

	@Override
	public String queryString() {
		return this.request.query();
	}

	@Override
	public String remoteIp() {
		if (this.remoteIp == null) {
			this.remoteIp = this.net.remoteAddress().getAddress().getHostAddress();
		}
		return this.remoteIp;
	}

	@Override
	public int remotePort() {
		return this.net.remoteAddress().getPort();
	}

	@Override
	public String localIp() {
		InetSocketAddress local = this.net.localAddress();
		return (local != null) ? local.getAddress().getHostAddress() : null;
	}

	@Override
	public int localPort() {
		InetSocketAddress local = this.net.localAddress();
		return (local != null) ? local.getPort() : 0;
	}

	@Override
	public List<Header> headers() {
		return this.request.headers();
	}

	@Override
	public String getHeader(String name) {
		return this.request.header(name);
	}

	@Override
	public Principal tlsPeerPrincipal() {
		return this.net.tlsPeerPrincipal();
	}

	@Override
	public byte[] content() {
		if (this.content == null) {
			this.content = (this.bodyLength == 0) ? EMPTY
					: Arrays.copyOfRange(this.net.recvArray(), this.bodyStart, this.bodyStart + this.bodyLength);
		}
		return this.content;
	}

	/** Drops a body copy made before the body arrived. */
	void forgetContent() {
		this.content = null;
	}

	/** Sets what {@link #content()} returns (a WebSocket frame's payload). */
	public void setContent(byte[] content, int wsBits) {
		this.content = content;
		this.wsBits = wsBits;
	}

	@Override
	public boolean isWebSocket() {
		return this.websocket;
	}

	@Override
	public int wsBits() {
		return this.wsBits;
	}

	@Override
	public int statusCode() {
		return this.statusCode;
	}

	@Override
	public Object serverParam() {
		return this.protocol.serverParam;
	}

	@Override
	public Object connectionParam() {
		return this.connectionParam;
	}

	@Override
	public void setConnectionParam(Object value) {
		this.connectionParam = value;
	}

	@Override
	public String getVar(String name) {
		String query = this.request.query();
		if (query != null) {
			byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
			String value = FormVars.getVar(q, 0, q.length, name);
			if (value != null) {
				return value;
			}
		}
		byte[] body = content();
		return FormVars.getVar(body, 0, body.length, name);
	}

	@Override
	public int getVar(String name, byte[] buffer) {
		String query = this.request.query();
		int result = -1;
		if (query != null) {
			byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
			result = FormVars.getVar(q, 0, q.length, name, buffer);
		}
		if (result < 0) {
			byte[] body = content();
			int fromBody = FormVars.getVar(body, 0, body.length, name, buffer);
			result = (fromBody == -1 && result == -2) ? -2 : fromBody;
		}
		return result;
	}

	// ---- reply helpers
	// ------------------------------------------------------------------------

	@Override
	public Connection sendStatus(int status) {
		if (!this.statusSent) {
			checkLoop("sendStatus");
			if (this.pendingHead == null) {
				this.pendingHead = new AsciiBuffer();
			}
			statusLine(this.pendingHead, status);
			this.statusSent = true;
			this.statusCode = status;
		}
		return this;
	}

	@Override
	public Connection sendHeader(String name, String value) {
		checkLoop("sendHeader");
		if (this.headersEnded) {
			throw new IllegalStateException("sendHeader after the body started: headers are already sent");
		}
		// checked before the implicit status, so a refused header changes nothing
		AsciiBuffer.checkName(name);
		AsciiBuffer.checkText(value);
		sendStatus(200);
		if (name.equalsIgnoreCase("Connection") && Tokens.contains(value, "close")) {
			this.closeAfterResponse = true;
		}
		if (this.pendingHead.length() == 0) {
			// the status line went out when an earlier call of a long-running handler
			// returned
			queue(scratch().reset().header(name, value), null, 0, 0, false);
		}
		else {
			this.pendingHead.header(name, value);
		}
		return this;
	}

	@Override
	public int sendData(byte[] data) {
		checkLoop("sendData");
		if (data.length == 0) {
			return 0;
		}
		if (!this.headersEnded) {
			sendStatus(200);
			if (this.request.version == 11) {
				this.pendingHead.header("Transfer-Encoding", "chunked");
				this.chunkedOut = true;
			}
			else {
				this.pendingHead.header("Connection", "close");
				this.closeDelimited = true;
			}
			this.pendingHead.crlf();
			this.headersEnded = true;
			if (!flushHead()) {
				return 0;
			}
		}
		if (isHead()) {
			return data.length;
		}
		AsciiBuffer head = scratch().reset();
		if (this.chunkedOut) {
			head.appendHex(data.length).crlf();
		}
		return queue(head, data, 0, data.length, this.chunkedOut) ? data.length : 0;
	}

	@Override
	public int sendData(String text) {
		return sendData(text.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int printfData(String format, Object... args) {
		return sendData(String.format(format, args));
	}

	@Override
	public int sendReply(int status, String contentType, byte[] body) {
		checkLoop("sendReply");
		if (this.statusSent) {
			throw new IllegalStateException("sendReply after sendStatus/sendHeader: the status line is already sent");
		}
		AsciiBuffer head = scratch().reset();
		statusLine(head, status);
		if (contentType != null) {
			head.header("Content-Type", contentType);
		}
		head.header("Content-Length", body.length);
		head.header("Date", HttpDate.now());
		connectionHeader(head);
		head.crlf();
		boolean withBody = !isHead() && status != 204 && status != 304;
		if (!queue(head, body, 0, withBody ? body.length : 0, false)) {
			// nothing is sent: the handler may answer otherwise, else the request ends
			// with a 500
			this.refusedReply = head.length() + (long) body.length;
			return 0;
		}
		this.statusSent = true;
		this.headersEnded = true;
		this.statusCode = status;
		return body.length;
	}

	@Override
	public int sendReply(int status, String contentType, String body) {
		return sendReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean sendFile(Path file, String contentType) throws IOException {
		this.net.manager().checkInLoop("sendFile");
		if (this.headersEnded) {
			throw new IllegalStateException("sendFile after the body started: the reply is already framed");
		}
		if (contentType != null) {
			AsciiBuffer.checkText(contentType);
		}
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		boolean handedOver = false;
		try {
			long size = channel.size();
			sendStatus(200);
			if (contentType != null) {
				this.pendingHead.header("Content-Type", contentType);
			}
			this.pendingHead.header("Content-Length", size).header("Date", HttpDate.now());
			connectionHeader(this.pendingHead);
			this.pendingHead.crlf();
			this.headersEnded = true;
			if (!flushHead()) {
				return false;
			}
			if (size > 0 && !isHead() && this.statusCode != 204 && this.statusCode != 304) {
				this.net.sendFile(channel, 0, size, true);
				this.bytesSent += size;
				handedOver = true;
			}
			return true;
		}
		finally {
			if (!handedOver) {
				channel.close();
			}
		}
	}

	@Override
	public AsyncReply suspend() {
		checkLoop("suspend");
		if (this.websocket || this.suspension != null) {
			throw new IllegalStateException(
					this.websocket ? "suspend on a WebSocket" : "the request is already suspended");
		}
		Suspension handle = new Suspension(this);
		this.suspension = handle;
		return handle;
	}

	/**
	 * Queues a whole reply head for a layer above HTTP (static files, authentication):
	 * the status line, {@code headerLines} (complete {@code "Name: value\r\n"} lines the
	 * caller built from trusted values), {@code Date}, {@code Connection} when needed,
	 * the blank line, then {@code body} unless this is a HEAD request. A body streamed
	 * afterwards (for example with {@code net().sendFile}) is announced in
	 * {@code bytesToFollow}, which only counts it for request listeners. IO thread only.
	 * @return false if the send queue is full (nothing was queued)
	 */
	public boolean sendHead(int status, CharSequence headerLines, byte[] body, long bytesToFollow) {
		checkLoop("sendHead");
		if (this.statusSent) {
			throw new IllegalStateException("sendHead after a status line was sent");
		}
		AsciiBuffer head = scratch().reset();
		statusLine(head, status);
		head.headerLines(headerLines);
		head.header("Date", HttpDate.now());
		connectionHeader(head);
		head.crlf();
		int length = (body == null || isHead()) ? 0 : body.length;
		if (!queue(head, body, 0, length, false)) {
			return false;
		}
		this.statusSent = true;
		this.headersEnded = true;
		this.statusCode = status;
		this.bytesSent += bytesToFollow;
		return true;
	}

	@Override
	public Connection addReplyHeader(String name, String value) {
		if (this.statusSent) {
			return sendHeader(name, value);
		}
		checkLoop("addReplyHeader");
		AsciiBuffer.checkName(name);
		AsciiBuffer.checkText(value);
		if (this.replyHeaders == null) {
			this.replyHeaders = new StringBuilder();
		}
		this.replyHeaders.append(name).append(": ").append(value).append("\r\n");
		return this;
	}

	/** The status line, {@code extra_headers} and the reply headers of this request. */
	void statusLine(AsciiBuffer head, int status) {
		head.statusLine(status, this.protocol.settings.extraHeaders);
		if (this.replyHeaders != null && this.replyHeaders.length() > 0) {
			head.headerLines(this.replyHeaders);
		}
	}

	/**
	 * Adds {@code Connection: close} or {@code keep-alive} when the request needs
	 * telling.
	 */
	void connectionHeader(AsciiBuffer head) {
		if (!this.protocol.keepAlive(this)) {
			head.header("Connection", "close");
		}
		else if (this.request.version == 10) {
			head.header("Connection", "keep-alive");
		}
	}

	/**
	 * Queues the status line and headers held back so far (IO thread).
	 * @return false if they did not fit the send queue: the reply cannot be framed, the
	 * connection closes
	 */
	boolean flushHead() {
		if (this.pendingHead == null || this.pendingHead.length() == 0) {
			return true;
		}
		boolean queued = queue(this.pendingHead, null, 0, 0, false);
		this.pendingHead.reset();
		if (!queued) {
			if (onWorker()) {
				this.net.manager().execute(this.net::closeNow);
			}
			else {
				this.net.closeNow();
			}
		}
		return queued;
	}

	/**
	 * Ends a head begun with {@link #sendStatus}/{@link #sendHeader} that no body
	 * followed (a redirect, a 204): the reply gets an empty body instead of hanging
	 * half-written.
	 */
	void endHeadWithoutBody() {
		if (!this.statusSent || this.headersEnded) {
			return;
		}
		AsciiBuffer head = this.pendingHead;
		if (!isHead() && this.statusCode >= 200 && this.statusCode != 204 && this.statusCode != 304) {
			head.header("Content-Length", 0);
		}
		connectionHeader(head);
		head.crlf();
		this.headersEnded = true;
		flushHead();
	}

	/**
	 * Forgets a reply begun with {@link #sendStatus}/{@link #sendHeader} that is not
	 * queued yet, so that an error reply can take its place.
	 * @return false if part of the reply is already queued (the connection must then
	 * close)
	 */
	boolean discardHead() {
		if (this.anyOutput) {
			return false;
		}
		if (this.pendingHead != null) {
			this.pendingHead.reset();
		}
		this.statusSent = false;
		this.headersEnded = false;
		this.chunkedOut = false;
		this.closeDelimited = false;
		return true;
	}

	/** Queues head + data (+ CRLF) as one unit: all of it or nothing. */
	boolean queue(AsciiBuffer head, byte[] data, int offset, int length, boolean crlf) {
		long total = head.length() + (long) length + (crlf ? 2 : 0);
		if (total == 0) {
			return true;
		}
		if (onWorker()) {
			return queueFromWorker(head, data, offset, length, crlf);
		}
		if (!this.net.tryReserve(total)) {
			return false;
		}
		this.anyOutput = true;
		this.net.appendReserved(head.array(), 0, head.length());
		if (length > 0) {
			this.net.appendReserved(data, offset, length);
			this.bytesSent += length;
		}
		if (crlf) {
			this.net.appendReserved(CRLF, 0, 2);
		}
		return true;
	}

	/**
	 * {@link #queue} off the IO thread: one array, handed to the loop in order by
	 * {@code write}.
	 */
	private boolean queueFromWorker(AsciiBuffer head, byte[] data, int offset, int length, boolean crlf) {
		byte[] all = Arrays.copyOf(head.array(), head.length() + length + (crlf ? 2 : 0));
		if (length > 0) {
			System.arraycopy(data, offset, all, head.length(), length);
		}
		if (crlf) {
			System.arraycopy(CRLF, 0, all, all.length - 2, 2);
		}
		if (this.net.write(all) == 0) {
			return false;
		}
		this.anyOutput = true;
		this.bytesSent += length;
		return true;
	}

	/**
	 * Whether the caller is the worker thread that runs this request's blocking handler.
	 */
	private boolean onWorker() {
		return this.worker == Thread.currentThread();
	}

	private AsciiBuffer scratch() {
		if (!onWorker()) {
			return this.protocol.scratch;
		}
		if (this.workerScratch == null) {
			this.workerScratch = new AsciiBuffer();
		}
		return this.workerScratch;
	}

	boolean isHead() {
		return "HEAD".equals(this.request.method);
	}

	// ---- thread-safe
	// --------------------------------------------------------------------------

	@Override
	public int write(byte[] data, int offset, int length) {
		if ((onWorker() || this.net.manager().inLoop()) && this.pendingHead != null) {
			flushHead(); // keeps the order of what the handler wrote
		}
		int n = this.net.write(data, offset, length);
		if (n > 0) {
			this.anyOutput = true;
		}
		return n;
	}

	@Override
	public int websocketWrite(int opcode, byte[] data) {
		WebSocketWriter writer = this.protocol.webSocketWriter;
		return (this.websocket && writer != null) ? writer.write(this, opcode, data) : 0;
	}

	@Override
	public int websocketWrite(String text) {
		return websocketWrite(1, text.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean isClosed() {
		return this.net.isClosed() || this.net.isClosing();
	}

	@Override
	public void close() {
		if (onWorker()) { // the IO thread closes once the handler returns and the reply
							// is complete
			flushHead();
			this.closeAfterResponse = true;
		}
		else if (this.net.manager().inLoop()) {
			closeOnLoop();
		}
		else {
			this.net.manager().execute(this::closeOnLoop);
		}
	}

	private void closeOnLoop() {
		if (this.state == State.WORKER) { // the worker owns the reply: close once it is
											// complete
			this.closeAfterResponse = true;
			return;
		}
		flushHead();
		WebSocketWriter writer = this.protocol.webSocketWriter;
		if (this.websocket && writer != null) {
			writer.close(this, 1000, "");
		}
		else {
			this.net.closeAfterSend();
		}
	}

	/**
	 * Lets a layer above HTTP (CGI) finish the current reply later: the request stays in
	 * progress and {@code continuation} becomes a long-running handler, called on every
	 * poll while the send queue is at most half full until it returns something other
	 * than {@link Handler.Result#CALL_AGAIN} (then the request is finished as usual), and
	 * once with {@link #wsBits()} == 1 if the connection closes first. IO thread only.
	 */
	public void continueWith(Handler continuation) {
		checkLoop("continueWith");
		this.handler = continuation;
		this.state = State.CALL_AGAIN;
	}

	/** Protocol state of the layer this connection was upgraded to. */
	public Object upgradeState() {
		return this.upgradeState;
	}

	/** Hands the connection to an upgraded protocol. */
	public void upgraded(Object state) {
		this.state = State.UPGRADED;
		this.websocket = true;
		this.upgradeState = state;
	}

	/**
	 * Bytes of the receive buffer taken by the current request (the head of an upgrade
	 * request).
	 */
	public int requestEnd() {
		return this.requestEnd;
	}

	/** The handler that owns this connection's URI (for upgraded protocols). */
	public Handler handler() {
		return this.handler;
	}

	/** Sends an error reply through the error handler or the default page. */
	public void sendError(int status, String detail) {
		this.protocol.sendError(this, status, detail);
	}

	/** Request-line and headers as parsed: whether a header lists a token. */
	public boolean headerHasToken(String name, String token) {
		return this.request.headerHasToken(name, token);
	}

	/**
	 * The user the current request proved to be (set by an authentication layer), or
	 * null.
	 */
	public String authenticatedUser() {
		return this.authenticatedUser;
	}

	/**
	 * Marks the current request as authenticated as {@code user}; the access log names
	 * it.
	 */
	public void setAuthenticatedUser(String user) {
		this.authenticatedUser = user;
	}

	/**
	 * The path a router matches: {@link #uri()}, unless the target encodes a slash, which
	 * then stays inside its segment as a NUL.
	 */
	public String routingPath() {
		return this.request.routingPath;
	}

	/** Records the route a router resolved the current request to (IO thread). */
	public void setRoute(String template, Map<String, String> captures) {
		this.matchedRoute = template;
		this.pathVariables = captures;
	}

	@Override
	public String matchedRoute() {
		return this.matchedRoute;
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/** Reply ends once what is queued is flushed; the connection then closes. */
	public void finishAndClose() {
		this.closeAfterResponse = true;
	}

	void resetRequest() {
		this.request.reset();
		this.state = State.HEAD;
		this.scanFrom = 0;
		this.leadingBytes = 0;
		this.bodyStart = 0;
		this.bodyLength = 0;
		this.requestEnd = 0;
		this.handler = null;
		this.requestStartMillis = 0;
		this.content = null;
		this.statusCode = 0;
		this.statusSent = false;
		this.headersEnded = false;
		this.chunkedOut = false;
		this.closeDelimited = false;
		this.closeAfterResponse = false;
		this.anyOutput = false;
		this.bytesSent = 0;
		this.refusedReply = 0;
		if (this.pendingHead != null) {
			this.pendingHead.reset();
		}
		this.wsBits = 0;
		this.authenticatedUser = null;
		this.headAuthorized = false;
		this.suspension = null;
		this.matchedRoute = null;
		this.pathVariables = Map.of();
		if (this.replyHeaders != null) {
			this.replyHeaders.setLength(0);
		}
	}

	private void checkLoop(String method) {
		if (!onWorker()) {
			this.net.manager().checkInLoop(method);
		}
	}

	@Override
	public String toString() {
		return this.request.method + " " + this.request.path + " from " + remoteIp() + ":" + remotePort();
	}

	private static final byte[] EMPTY = new byte[0];

}
