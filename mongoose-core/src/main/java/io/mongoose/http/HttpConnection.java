package io.mongoose.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.mongoose.AsyncReply;
import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Header;
import io.mongoose.Reply;
import io.mongoose.ServerSentEvent;
import io.mongoose.net.NetConnection;

/**
 * The {@link Connection} a handler sees, a façade over the connection's socket, its
 * parsed {@link Request}, the protocol's {@link RequestState} and the {@link ReplyWriter}
 * that frames every reply. It keeps only what outlives a request: the application's slot
 * and the WebSocket state, so that the connection stays the same object after an upgrade.
 * <p>
 * Over 400 lines because it implements the whole Connection interface; each method is a
 * short delegate to the request state, the ReplyWriter or a layer.
 */
public final class HttpConnection implements Connection {

	final NetConnection net;

	final HttpProtocol protocol;

	final Request request;

	final RequestState requestState = new RequestState();

	final ReplyWriter reply;

	private boolean websocket;

	private int wsBits;

	private Object upgradeState;

	/** Set once the reply became an event stream; read by writers on any thread. */
	private volatile EventStreamSession eventStream;

	private Object connectionParam;

	private String remoteIp;

	HttpConnection(NetConnection net, HttpProtocol protocol) {
		this.net = net;
		this.protocol = protocol;
		this.request = new Request(net::recvArray);
		this.request.reset();
		this.reply = new ReplyWriter(net, this.request, protocol);
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
		return this.requestState.content(this.net.recvArray());
	}

	/** Sets what {@link #content()} returns (a WebSocket frame's payload). */
	public void setContent(byte[] content, int wsBits) {
		this.requestState.setContent(content);
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
		return this.reply.status();
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

	// ---- replying, through the writer
	// ------------------------------------------------------------------------

	@Override
	public Connection sendStatus(int status) {
		checkLoop("sendStatus");
		this.reply.status(status);
		return this;
	}

	@Override
	public Connection sendHeader(String name, String value) {
		checkLoop("sendHeader");
		this.reply.header(name, value);
		return this;
	}

	@Override
	public int sendData(byte[] data) {
		checkLoop("sendData");
		return this.reply.data(data, 0, data.length);
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
		return this.reply.reply(status, contentType, body);
	}

	@Override
	public int sendReply(int status, String contentType, String body) {
		return sendReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean sendFile(Path file, String contentType) throws IOException {
		checkLoop("sendFile");
		return this.reply.file(file, contentType);
	}

	@Override
	public boolean send(Reply reply) {
		checkLoop("send");
		return this.reply.send(reply);
	}

	@Override
	public Connection addReplyHeader(String name, String value) {
		checkLoop("addReplyHeader");
		this.reply.addHeader(name, value);
		return this;
	}

	@Override
	public Throwable error() {
		return this.requestState.error;
	}

	@Override
	public AsyncReply suspend() {
		checkLoop("suspend");
		if (this.websocket || this.requestState.suspension != null) {
			throw new IllegalStateException(
					this.websocket ? "suspend on a WebSocket" : "the request is already suspended");
		}
		Suspension handle = new Suspension(this);
		this.requestState.suspension = handle;
		return handle;
	}

	/**
	 * Queues a whole reply for a layer above HTTP (static files, authentication, DAV,
	 * CGI): the status line, {@code headerLines} (complete {@code "Name: value\r\n"}
	 * lines the caller built from trusted values, without {@code Content-Length} or
	 * {@code Transfer-Encoding}), {@code Content-Length} of {@code body}, {@code Date},
	 * {@code Connection} when needed, then {@code body} unless the reply has none (HEAD,
	 * 204, 304). IO thread only.
	 * @return false if the send queue is full (nothing was queued)
	 */
	public boolean sendHead(int status, CharSequence headerLines, byte[] body) {
		checkLoop("sendHead");
		return this.reply.head(status, headerLines, body);
	}

	/**
	 * {@link #sendHead(int, CharSequence, byte[])} for a body of {@code length} bytes
	 * that the caller queues next (file regions with {@code net().sendFile}, separators
	 * with {@link #write}), unless this is a HEAD request. IO thread only.
	 */
	public boolean sendHead(int status, CharSequence headerLines, long length) {
		checkLoop("sendHead");
		return this.reply.streamHead(status, headerLines, length);
	}

	/**
	 * Queues the {@code 101 Switching Protocols} of an upgrade to {@code protocol}:
	 * {@code Upgrade}, {@code Connection: Upgrade}, then {@code fields} as name, value
	 * pairs (a {@code null} value is left out). IO thread only.
	 * @return false if the send queue is full (nothing was queued)
	 */
	public boolean sendSwitchingProtocols(String protocol, String... fields) {
		checkLoop("sendSwitchingProtocols");
		return this.reply.switchProtocols(protocol, fields);
	}

	/**
	 * The content coding ({@code gzip}, {@code deflate}) the server would give a body of
	 * {@code contentType} and {@code length} bytes that is streamed in answer to the
	 * current request ({@code compression*} options, {@code Accept-Encoding}, no
	 * {@code Range}), or {@code null}: what {@link #sendStreamedHead} then does.
	 */
	public String streamedCoding(String contentType, long length) {
		return this.reply.compression.decide(200, contentType, length, true);
	}

	/**
	 * Begins a reply whose body of {@code contentType} the caller writes next with
	 * {@link #sendData(byte[], int, int)} as it reads it, compressed as it streams when
	 * {@link #streamedCoding} allows, and ended when the request finishes.
	 * {@code headerLines} are complete lines (with {@code Vary: Accept-Encoding}),
	 * without framing or {@code Content-Encoding}. IO thread only.
	 */
	public void sendStreamedHead(int status, CharSequence headerLines, String contentType) {
		checkLoop("sendStreamedHead");
		this.reply.streamedHead(status, headerLines, contentType);
	}

	/**
	 * {@link #sendData(byte[])} of a slice.
	 * @return {@code length}, or 0 if the send queue is full (nothing was taken)
	 */
	public int sendData(byte[] data, int offset, int length) {
		checkLoop("sendData");
		return this.reply.data(data, offset, length);
	}

	// ---- thread-safe
	// --------------------------------------------------------------------------

	@Override
	public int write(byte[] data, int offset, int length) {
		return this.reply.raw(data, offset, length);
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
	public int sendEvent(ServerSentEvent event) {
		EventStreamSession stream = this.eventStream;
		return (stream != null) ? stream.send(event) : 0;
	}

	@Override
	public boolean isEventStream() {
		return this.eventStream != null;
	}

	EventStreamSession eventStream() {
		return this.eventStream;
	}

	void openedEventStream(EventStreamSession stream) {
		this.eventStream = stream;
	}

	@Override
	public boolean isClosed() {
		return this.net.isClosed() || this.net.isClosing();
	}

	@Override
	public void close() {
		EventStreamSession stream = this.eventStream;
		if (stream != null) { // the body ends cleanly, after what was sent before
			stream.end();
			return;
		}
		if (onWorker()) { // the IO thread closes once the handler returns and the reply
							// is complete
			this.reply.flushHead();
			this.reply.closeAfter();
		}
		else if (this.net.manager().inLoop()) {
			closeOnLoop();
		}
		else {
			this.net.manager().execute(this::closeOnLoop);
		}
	}

	private void closeOnLoop() {
		if (this.requestState.phase == RequestState.Phase.WORKER) {
			// the worker owns the reply: close once it is complete
			this.reply.closeAfter();
			return;
		}
		this.reply.flushHead();
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
		this.requestState.handler = continuation;
		this.requestState.phase = RequestState.Phase.CALL_AGAIN;
	}

	/** Protocol state of the layer this connection was upgraded to. */
	public Object upgradeState() {
		return this.upgradeState;
	}

	/** Hands the connection to an upgraded protocol. */
	public void upgraded(Object state) {
		this.requestState.phase = RequestState.Phase.UPGRADED;
		this.websocket = true;
		this.upgradeState = state;
	}

	/**
	 * Bytes of the receive buffer taken by the current request (the head of an upgrade
	 * request).
	 */
	public int requestEnd() {
		return this.requestState.requestEnd;
	}

	/** The handler that owns this connection's URI (for upgraded protocols). */
	public Handler handler() {
		return this.requestState.handler;
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
		return this.requestState.authenticatedUser;
	}

	/**
	 * Marks the current request as authenticated as {@code user}; the access log names
	 * it.
	 */
	public void setAuthenticatedUser(String user) {
		this.requestState.authenticatedUser = user;
	}

	/**
	 * Ends the reply without its end marker (a chunked body's last chunk): the connection
	 * closes, so the client sees the reply was cut short.
	 */
	public void cutReplyShort() {
		this.reply.cutShort();
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
		this.requestState.matchedRoute = template;
		this.requestState.pathVariables = captures;
	}

	@Override
	public String matchedRoute() {
		return this.requestState.matchedRoute;
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.requestState.pathVariables;
	}

	/** Reply ends once what is queued is flushed; the connection then closes. */
	public void finishAndClose() {
		this.reply.closeAfter();
	}

	/** A new request begins: its request, protocol and reply state start afresh. */
	void resetRequest() {
		this.request.reset();
		this.requestState.reset();
		this.reply.reset();
		this.wsBits = 0;
	}

	/** The last call of a long-running handler, made because the connection closes. */
	void markClosing() {
		this.wsBits = 1;
	}

	boolean onWorker() {
		return this.reply.out.onWorker();
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

}
