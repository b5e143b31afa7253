package io.mongoose.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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

	/** Receive-buffer size the body being read may grow to, and what its growth is charged. */
	int bodyRecvLimit;

	long bufferCharge;

	ChunkedDecoder chunkedDecoder;

	Handler handler;

	long requestStartMillis;

	long bodyStartMillis;

	long headNanos;

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

	// websocket state, kept here so the Connection stays the same object after the upgrade
	boolean websocket;

	int wsBits;

	private Object upgradeState;

	private Object connectionParam;

	private String remoteIp;

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

	// ---- request ----------------------------------------------------------------------------

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
	public byte[] content() {
		if (this.content == null) {
			this.content = (this.bodyLength == 0) ? EMPTY
					: Arrays.copyOfRange(this.net.recvArray(), this.bodyStart, this.bodyStart + this.bodyLength);
		}
		return this.content;
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

	// ---- reply helpers ------------------------------------------------------------------------

	@Override
	public Connection sendStatus(int status) {
		if (!this.statusSent) {
			checkLoop("sendStatus");
			this.statusSent = true;
			this.statusCode = status;
			AsciiBuffer head = this.protocol.scratch.reset();
			head.append("HTTP/1.1 ").append(status).append(" ").append(StatusText.of(status)).crlf();
			queue(head, null, 0, 0, false);
		}
		return this;
	}

	@Override
	public Connection sendHeader(String name, String value) {
		checkLoop("sendHeader");
		if (this.headersEnded) {
			throw new IllegalStateException("sendHeader after the body started: headers are already sent");
		}
		if (hasLineBreak(name) || hasLineBreak(value)) {
			throw new IllegalArgumentException("header name and value must not contain CR or LF");
		}
		sendStatus(200);
		if (name.equalsIgnoreCase("Connection") && Tokens.contains(value, "close")) {
			this.closeAfterResponse = true;
		}
		queue(this.protocol.scratch.reset().header(name, value), null, 0, 0, false);
		return this;
	}

	@Override
	public int sendData(byte[] data) {
		checkLoop("sendData");
		if (data.length == 0) {
			return 0;
		}
		AsciiBuffer head = this.protocol.scratch.reset();
		if (!this.headersEnded) {
			if (!this.statusSent) {
				this.statusSent = true;
				this.statusCode = 200;
				head.append("HTTP/1.1 200 OK").crlf();
			}
			if (this.request.version == 11) {
				head.header("Transfer-Encoding", "chunked");
				this.chunkedOut = true;
			}
			else {
				head.header("Connection", "close");
				this.closeDelimited = true;
			}
			head.crlf();
			this.headersEnded = true;
		}
		if (isHead()) {
			return queue(head, null, 0, 0, false) ? data.length : 0;
		}
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
		this.statusSent = true;
		this.headersEnded = true;
		this.statusCode = status;
		AsciiBuffer head = this.protocol.scratch.reset();
		head.append("HTTP/1.1 ").append(status).append(" ").append(StatusText.of(status)).crlf();
		if (contentType != null) {
			head.header("Content-Type", contentType);
		}
		head.header("Content-Length", body.length);
		head.header("Date", HttpDate.now());
		connectionHeader(head);
		head.crlf();
		boolean withBody = !isHead() && status != 204 && status != 304;
		return queue(head, body, 0, withBody ? body.length : 0, false) ? body.length : 0;
	}

	@Override
	public int sendReply(int status, String contentType, String body) {
		return sendReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Queues a whole reply head for a layer above HTTP (static files, authentication): the
	 * status line, {@code headerLines} (complete {@code "Name: value\r\n"} lines the caller
	 * built from trusted values), {@code Date}, {@code Connection} when needed, the blank
	 * line, then {@code body} unless this is a HEAD request. A body streamed afterwards
	 * (for example with {@code net().sendFile}) is announced in {@code bytesToFollow}, which
	 * only counts it for request listeners. IO thread only.
	 * @return false if the send queue is full (nothing was queued)
	 */
	public boolean sendHead(int status, CharSequence headerLines, byte[] body, long bytesToFollow) {
		checkLoop("sendHead");
		if (this.statusSent) {
			throw new IllegalStateException("sendHead after a status line was sent");
		}
		this.statusSent = true;
		this.headersEnded = true;
		this.statusCode = status;
		AsciiBuffer head = this.protocol.scratch.reset();
		head.append("HTTP/1.1 ").append(status).append(" ").append(StatusText.of(status)).crlf();
		head.append(headerLines.toString());
		head.header("Date", HttpDate.now());
		connectionHeader(head);
		head.crlf();
		int length = (body == null || isHead()) ? 0 : body.length;
		if (!queue(head, body, 0, length, false)) {
			return false;
		}
		this.bytesSent += bytesToFollow;
		return true;
	}

	/** Adds {@code Connection: close} or {@code keep-alive} when the request needs telling. */
	void connectionHeader(AsciiBuffer head) {
		if (!this.protocol.keepAlive(this)) {
			head.header("Connection", "close");
		}
		else if (this.request.version == 10) {
			head.header("Connection", "keep-alive");
		}
	}

	/** Queues head + data (+ CRLF) as one unit: all of it or nothing. */
	boolean queue(AsciiBuffer head, byte[] data, int offset, int length, boolean crlf) {
		long total = head.length() + (long) length + (crlf ? 2 : 0);
		if (total == 0) {
			return true;
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

	boolean isHead() {
		return "HEAD".equals(this.request.method);
	}

	// ---- thread-safe --------------------------------------------------------------------------

	@Override
	public int write(byte[] data, int offset, int length) {
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
		if (this.net.manager().inLoop()) {
			closeOnLoop();
		}
		else {
			this.net.manager().execute(this::closeOnLoop);
		}
	}

	private void closeOnLoop() {
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
	 * progress and {@code continuation} becomes a long-running handler, called on every poll
	 * while the send queue is at most half full until it returns something other than
	 * {@link Handler.Result#CALL_AGAIN} (then the request is finished as usual), and once with
	 * {@link #wsBits()} == 1 if the connection closes first. IO thread only.
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

	/** Bytes of the receive buffer taken by the current request (the head of an upgrade request). */
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
		this.wsBits = 0;
	}

	private void checkLoop(String method) {
		this.net.manager().checkInLoop(method);
	}

	private static boolean hasLineBreak(String s) {
		return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
	}

	@Override
	public String toString() {
		return this.request.method + " " + this.request.path + " from " + remoteIp() + ":" + remotePort();
	}

	private static final byte[] EMPTY = new byte[0];

}
