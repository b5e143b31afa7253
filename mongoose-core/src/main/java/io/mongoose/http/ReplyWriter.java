package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.mongoose.Header;
import io.mongoose.Reply;
import io.mongoose.net.NetConnection;

/**
 * The reply to one connection's current request, and the one place a reply is framed: the
 * status line with {@code extra_headers}, checked header text (through
 * {@link AsciiBuffer}), {@code Date}, {@code Connection}, and one framing per body:
 * {@code Content-Length}, or chunked, or close-delimited on HTTP/1.0, never two. No body
 * goes out for {@code HEAD}, 1xx, 204 or 304. Handler replies, error pages, static files,
 * DAV and CGI all write through it; a head is queued whole or not at all. Bodies are
 * compressed here too ({@link ReplyCompression}): a whole one before it is framed, a
 * streamed one chunk by chunk.
 * <p>
 * A head begun with {@link #status}/{@link #header} is held back until the body starts or
 * the request ends, so that a handler failing half-way is still answered with a clean 500
 * ({@link #discard}). A {@code Content-Length} set that way makes the body an identity
 * body of exactly that length: writing more throws at the handler, ending with less
 * closes the connection.
 * <p>
 * Over 400 lines on purpose: every framing rule is one decision about one head, and
 * keeping them in one class is what makes a mis-framed reply impossible.
 */
final class ReplyWriter {

	private static final System.Logger log = System.getLogger(ReplyWriter.class.getName());

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] LAST_CHUNK = { '0', '\r', '\n', '\r', '\n' };

	private final NetConnection net;

	private final Request request;

	private final HttpProtocol protocol;

	final ReplyOutput out;

	final ReplyCompression compression;

	/** The head of {@link #status}/{@link #header}, held back (see the class comment). */
	private AsciiBuffer pendingHead;

	private int status;

	private boolean statusSent;

	private boolean headEnded;

	private boolean chunked;

	private boolean closeDelimited;

	/** A {@code Content-Length} the handler set, or -1; and what of it is still owed. */
	private long declaredLength = -1;

	private long owed;

	private boolean dateSet;

	private boolean connectionSet;

	/** The reply offers an upgrade (426): {@code Connection} lists {@code Upgrade}. */
	private boolean offersUpgrade;

	private boolean closeAfter;

	/**
	 * Checked header lines of {@code Connection.addReplyHeader}, put after the status
	 * line of whatever reply the request gets.
	 */
	private final StringBuilder replyHeaders = new StringBuilder();

	/** Bytes of a whole reply refused because they did not fit the send queue. */
	private long refused;

	ReplyWriter(NetConnection net, Request request, HttpProtocol protocol) {
		this.net = net;
		this.request = request;
		this.protocol = protocol;
		this.out = new ReplyOutput(net, protocol.scratch);
		this.compression = new ReplyCompression(protocol.settings.compression, request);
	}

	// ---- a head piece by piece, then a streamed body
	// -------------------------------------------------

	void status(int status) {
		if (this.statusSent) {
			return;
		}
		if (this.pendingHead == null) {
			this.pendingHead = new AsciiBuffer();
		}
		statusLine(this.pendingHead, status);
		this.statusSent = true;
		this.status = status;
	}

	void header(String name, String value) {
		if (this.headEnded) {
			throw new IllegalStateException("sendHeader after the body started: headers are already sent");
		}
		// checked before the implicit status, so a refused header changes nothing
		AsciiBuffer.checkName(name);
		AsciiBuffer.checkText(value);
		long length = -1;
		if (name.equalsIgnoreCase("Content-Length")) {
			length = contentLength(value);
		}
		else if (name.equalsIgnoreCase("Transfer-Encoding")) {
			throw new IllegalArgumentException("Transfer-Encoding is the server's to set: it chunks a body that has "
					+ "no Content-Length, or sends one of the Content-Length the handler sets");
		}
		status(200);
		if (length >= 0) {
			this.declaredLength = length;
			this.owed = length;
		}
		noteField(name, value);
		if (length >= 0 || this.compression.note(name, value)) {
			return; // framing and validator wait for the coding (endHead)
		}
		if (this.pendingHead.length() == 0) {
			// the status line went out when an earlier call of a long-running handler
			// returned
			this.out.queue(this.out.scratch().reset().header(name, value), null, 0, 0, false);
		}
		else {
			this.pendingHead.header(name, value);
		}
	}

	private long contentLength(String value) {
		boolean digits = !value.isEmpty() && value.length() <= 18;
		for (int i = 0; i < value.length() && digits; i++) {
			digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
		}
		if (!digits) {
			throw new IllegalArgumentException("Content-Length '" + value + "' is not a number of bytes");
		}
		long length = Long.parseLong(value);
		if (this.declaredLength >= 0 && this.declaredLength != length) {
			throw new IllegalArgumentException(
					"Content-Length " + length + " after Content-Length " + this.declaredLength + " in one reply");
		}
		return length;
	}

	/** What a header the caller set means for the fields the writer adds. */
	private void noteField(String name, String value) {
		if (name.equalsIgnoreCase("Date")) {
			this.dateSet = true;
		}
		else if (name.equalsIgnoreCase("Connection")) {
			this.connectionSet = true;
			if (Tokens.contains(value, "close")) {
				this.closeAfter = true;
			}
		}
	}

	/**
	 * Body bytes: the first ones end the head with its framing. Zero bytes send nothing.
	 * @return {@code length} if queued (or dropped as the reply has no body), 0 if the
	 * send queue is full
	 * @throws IllegalStateException if they go past the {@code Content-Length} the
	 * handler set (nothing is queued)
	 */
	int data(byte[] data, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		status(200);
		boolean noBody = noBody(this.status);
		if (this.declaredLength >= 0 && !noBody && length > this.owed) {
			throw new IllegalStateException("body of more than the Content-Length " + this.declaredLength
					+ " the handler set: " + (this.declaredLength - this.owed) + " bytes sent, " + length + " more");
		}
		if (!this.headEnded) {
			endHead(true);
			if (!flushHead()) {
				return 0;
			}
		}
		if (noBody) {
			return length;
		}
		BodyEncoder encoder = this.compression.encoder();
		if (encoder != null) {
			if (this.net.queuedBytes() + BodyEncoder.bound(length) > this.net.sendLimit()) {
				return 0; // before the encoder takes the bytes: the caller may retry them
			}
			encoder.encode(data, offset, length);
			if (!queueBody(encoder.buffer(), 0, encoder.length())) {
				this.out.closeNow(); // the coded stream cannot skip a piece
				return 0;
			}
		}
		else if (!queueBody(data, offset, length)) {
			return 0;
		}
		if (this.declaredLength >= 0) {
			this.owed -= length;
		}
		return length;
	}

	/** Queues body bytes as they are framed: one chunk, or as they are. */
	private boolean queueBody(byte[] data, int offset, int length) {
		AsciiBuffer head = this.out.scratch().reset();
		if (this.chunked) {
			head.appendHex(length).crlf();
		}
		return this.out.queue(head, data, offset, length, this.chunked);
	}

	/**
	 * Ends the held-back head with the framing of its body: chunked (HTTP/1.1) or
	 * close-delimited (HTTP/1.0) for a compressed one, else the handler's
	 * {@code Content-Length}, else chunked or close-delimited when a body follows, else
	 * {@code Content-Length: 0}; then {@code Date} and {@code Connection}.
	 */
	private void endHead(boolean bodyFollows) {
		AsciiBuffer head = this.pendingHead;
		boolean body = bodyFollows || this.compression.promised();
		String coding = body ? this.compression.decide(this.status, null, this.declaredLength, true) : null;
		this.compression.writeFields(head);
		if (coding != null) {
			// the handler's Content-Length counts identity bytes; the coded length is
			// known at the end only
			frameUnknownLength(head);
			if (!isHead()) {
				this.compression.start();
			}
		}
		else if (this.declaredLength >= 0) {
			head.header("Content-Length", this.declaredLength);
		}
		else if (!bodyless(this.status)) {
			if (body) {
				frameUnknownLength(head);
			}
			else if (!isHead()) {
				head.header("Content-Length", 0);
			}
		}
		endFields(head);
		this.headEnded = true;
	}

	private void frameUnknownLength(AsciiBuffer head) {
		if (this.request.version == 11) {
			head.header("Transfer-Encoding", "chunked");
			this.chunked = true;
		}
		else {
			this.closeDelimited = true;
		}
	}

	/**
	 * {@code Date} and {@code Connection} unless the caller set them, then the blank
	 * line.
	 */
	private void endFields(AsciiBuffer head) {
		if (!this.dateSet) {
			head.header("Date", HttpDate.now());
		}
		if (!this.connectionSet) {
			String token = !keepAlive() ? "close" : (this.request.version == 10) ? "keep-alive" : null;
			if (this.offersUpgrade) {
				head.header("Connection", (token == null) ? "Upgrade" : "Upgrade, " + token);
			}
			else if (token != null) {
				head.header("Connection", token);
			}
		}
		head.crlf();
	}

	/**
	 * Queues the status line and headers held back so far.
	 * @return false if they did not fit the send queue: the reply cannot be framed, the
	 * connection closes
	 */
	boolean flushHead() {
		if (this.pendingHead == null || this.pendingHead.length() == 0) {
			return true;
		}
		boolean queued = this.out.queue(this.pendingHead, null, 0, 0, false);
		this.pendingHead.reset();
		if (!queued) {
			this.out.closeNow();
		}
		return queued;
	}

	/**
	 * Ends the reply as its request ends (IO thread): a held-back head gets an empty
	 * body, a chunked body its last chunk; a body shorter than the handler's
	 * {@code Content-Length} closes the connection, the one way to tell the client.
	 */
	void finish() {
		if (this.statusSent && !this.headEnded) {
			endHead(false);
			flushHead();
		}
		boolean shortBody = this.declaredLength >= 0 && this.owed > 0 && this.headEnded && !noBody(this.status);
		BodyEncoder encoder = this.compression.encoder();
		if (encoder != null && !shortBody) {
			encoder.finish();
			if (!queueBody(encoder.buffer(), 0, encoder.length())) {
				cutShort();
			}
		}
		this.compression.end();
		if (shortBody) {
			log.log(Level.WARNING, () -> this.net + ": handler sent " + (this.declaredLength - this.owed) + " of the "
					+ this.declaredLength + " bytes of its Content-Length; closing the connection");
			this.closeAfter = true;
		}
		else if (this.chunked && !isHead()) {
			if (!this.out.queue(this.out.scratch().reset(), LAST_CHUNK, 0, LAST_CHUNK.length, false)) {
				this.closeAfter = true;
			}
		}
	}

	/** The body stops here without an end: the connection closes after what is queued. */
	void cutShort() {
		this.compression.end();
		this.chunked = false;
		this.declaredLength = -1;
		this.closeAfter = true;
	}

	/**
	 * Forgets a head that is not queued yet, so that an error reply can take its place.
	 * @return false if part of the reply is already queued (the connection must then
	 * close)
	 */
	boolean discard() {
		if (this.out.any()) {
			return false;
		}
		if (this.pendingHead != null) {
			this.pendingHead.reset();
		}
		this.statusSent = false;
		this.headEnded = false;
		this.chunked = false;
		this.closeDelimited = false;
		this.declaredLength = -1;
		this.owed = 0;
		this.dateSet = false;
		this.connectionSet = false;
		this.compression.discard();
		return true;
	}

	/**
	 * {@code Connection.sendFile}: the head set so far with the file's length, then the
	 * file, from disk as the socket drains.
	 * @return false if the head did not fit the send queue (the connection closes)
	 */
	boolean file(Path file, String contentType) throws IOException {
		if (this.headEnded) {
			throw new IllegalStateException("sendFile after the body started: the reply is already framed");
		}
		if (this.declaredLength >= 0) {
			throw new IllegalStateException("sendFile after sendHeader(\"Content-Length\"): the file's length is sent");
		}
		if (contentType != null) {
			AsciiBuffer.checkText(contentType);
		}
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		boolean handedOver = false;
		try {
			long size = channel.size();
			RangeSpec.Range range = fileRange(size);
			if (contentType != null) {
				this.pendingHead.header("Content-Type", contentType);
			}
			long first = (range != null) ? range.first() : 0;
			long length = (range != null) ? range.length() : (this.status == 416) ? 0 : size;
			if (!bodyless(this.status)) {
				this.pendingHead.header("Content-Length", length);
			}
			this.compression.writeFields(this.pendingHead); // a held-back ETag
			endFields(this.pendingHead);
			this.headEnded = true;
			if (!flushHead()) {
				return false;
			}
			if (length > 0 && !noBody(this.status)) {
				this.out.file(channel, first, length);
				handedOver = true;
			}
			return true;
		}
		finally {
			if (!handedOver) {
				ReplyOutput.close(channel);
			}
		}
	}

	/**
	 * The status of a file reply, and the one range of it to send: a {@code GET} whose
	 * handler set no status honours a single {@code Range} (206, or 416 when none of it
	 * exists); several ranges, or an {@code If-Range} (the reply has no validator to
	 * match), get the whole file, as RFC 9110 allows.
	 */
	private RangeSpec.Range fileRange(long size) {
		boolean ranged = !this.statusSent && "GET".equals(this.request.method)
				&& this.request.header("If-Range") == null;
		RangeSpec.Result spec = ranged ? RangeSpec.parse(this.request.header("Range"), size, 1)
				: RangeSpec.Result.IGNORE;
		status(switch (spec.status()) {
			case RANGES -> 206;
			case UNSATISFIABLE -> 416;
			default -> 200;
		});
		if (ranged) {
			this.pendingHead.header("Accept-Ranges", "bytes");
		}
		if (this.status == 416) {
			this.pendingHead.header("Content-Range", "bytes */" + size);
		}
		if (this.status != 206) {
			return null;
		}
		RangeSpec.Range range = spec.ranges().get(0);
		this.pendingHead.header("Content-Range", range.contentRange(size));
		return range;
	}

	/** The interim {@code 100 Continue} a client that sent {@code Expect} waits for. */
	void sendContinue() {
		this.net.write(CONTINUE);
	}

	// ---- whole replies
	// ---------------------------------------------------------------------------

	/**
	 * {@code Connection.sendReply}: a whole reply; 0 if it does not fit the send queue.
	 */
	int reply(int status, String contentType, byte[] body) {
		if (this.statusSent) {
			throw new IllegalStateException("sendReply after sendStatus/sendHeader: the status line is already sent");
		}
		AsciiBuffer head = statusLine(this.out.scratch().reset(), status);
		if (contentType != null) {
			head.header("Content-Type", contentType);
		}
		byte[] sent = (this.compression.decide(status, contentType, body.length, false) != null)
				? BodyEncoder.encodeWhole(this.compression.coding(), body) : body;
		this.compression.writeFields(head);
		return whole(head, status, sent, sent.length) ? body.length : 0;
	}

	/** {@code Connection.send}: false if the reply does not fit the send queue. */
	boolean send(Reply reply) {
		if (this.statusSent) {
			throw new IllegalStateException("send after sendStatus/sendHeader: the status line is already sent");
		}
		AsciiBuffer head = statusLine(this.out.scratch().reset(), reply.status());
		List<Header> headers = reply.headers();
		Path file = reply.file();
		String coding = (file == null)
				? this.compression.decide(reply.status(), reply.contentType(), headers, reply.bytes().length) : null;
		for (int i = 0; i < headers.size(); i++) { // no iterator: the hot path allocates
													// nothing
			String name = headers.get(i).name();
			String value = headers.get(i).value();
			head.header(name, (coding != null && name.equalsIgnoreCase("ETag")) ? this.compression.etag(value) : value);
		}
		if (reply.contentType() != null) {
			head.header("Content-Type", reply.contentType());
		}
		for (int i = 0; i < headers.size(); i++) { // only once every header is known to
													// be valid
			noteField(headers.get(i).name(), headers.get(i).value());
		}
		if (file == null) {
			this.compression.writeFields(head);
			byte[] body = (coding != null) ? BodyEncoder.encodeWhole(coding, reply.bytes()) : reply.bytes();
			return whole(head, reply.status(), body, body.length);
		}
		if (file.getFileSystem() != FileSystems.getDefault()) { // a zip entry has no
																// FileChannel
			byte[] bytes = ReplyOutput.readAll(file);
			return whole(head, reply.status(), bytes, bytes.length);
		}
		return wholeFile(head, reply.status(), file);
	}

	private boolean wholeFile(AsciiBuffer head, int status, Path file) {
		FileChannel channel = ReplyOutput.open(file);
		long size = ReplyOutput.size(channel, file);
		boolean queued = whole(head, status, null, size);
		if (queued && !noBody(status) && size > 0) {
			this.out.file(channel, size);
		}
		else {
			ReplyOutput.close(channel);
		}
		return queued;
	}

	/**
	 * A whole reply head for a layer above HTTP (static files, authentication, errors):
	 * the status line, {@code headerLines} (complete {@code "Name: value\r\n"} lines
	 * built from trusted values, never a framing header), {@code Content-Length} of
	 * {@code body}, {@code Date}, {@code Connection}, then the body when the reply has
	 * one.
	 * @return false if the send queue is full (nothing was queued)
	 */
	boolean head(int status, CharSequence headerLines, byte[] body) {
		byte[] bytes = (body != null) ? body : EMPTY;
		return whole(lines(status, headerLines), status, bytes, bytes.length);
	}

	/**
	 * {@link #head} of a body of {@code length} bytes the caller queues next (file
	 * regions) unless this is a {@code HEAD} request.
	 */
	boolean streamHead(int status, CharSequence headerLines, long length) {
		if (!whole(lines(status, headerLines), status, null, length)) {
			return false;
		}
		if (!noBody(status)) {
			this.out.count(length);
		}
		return true;
	}

	/**
	 * The head of a {@code 101}: its status line without {@code extra_headers} (those are
	 * for HTTP replies), {@code Upgrade}, {@code Connection: Upgrade}, then
	 * {@code fields} as name, value pairs, a {@code null} value left out. No framing and
	 * no {@code Date}: what follows is the new protocol.
	 * @return false if the send queue is full (nothing was queued)
	 */
	boolean switchProtocols(String protocol, String... fields) {
		AsciiBuffer head = this.out.scratch()
			.reset()
			.statusLine(101, "")
			.header("Upgrade", protocol)
			.header("Connection", "Upgrade");
		for (int i = 0; i + 1 < fields.length; i += 2) {
			if (fields[i + 1] != null) {
				head.header(fields[i], fields[i + 1]);
			}
		}
		if (!this.out.queue(head.crlf(), null, 0, 0, false)) {
			return false;
		}
		this.statusSent = true;
		this.headEnded = true;
		this.status = 101;
		return true;
	}

	/**
	 * A head whose body of {@code contentType} a layer writes next with {@link #data} as
	 * it reads it (a file of at least {@code compression_min_size} bytes), compressed as
	 * it streams when {@link ReplyCompression} allows; {@code headerLines} say
	 * {@code Vary}.
	 */
	void streamedHead(int status, CharSequence headerLines, String contentType) {
		if (this.statusSent) {
			throw new IllegalStateException("sendHead after a status line was sent");
		}
		status(status);
		this.pendingHead.headerLines(headerLines);
		this.compression.promise(contentType);
	}

	/** Error replies name the protocol to upgrade to in {@code Connection} (426). */
	void offerUpgrade() {
		this.offersUpgrade = true;
	}

	private AsciiBuffer lines(int status, CharSequence headerLines) {
		if (this.statusSent) {
			throw new IllegalStateException("sendHead after a status line was sent");
		}
		return statusLine(this.out.scratch().reset(), status).headerLines(headerLines);
	}

	/** Ends {@code head} with the framing of a body of {@code length} and queues it. */
	private boolean whole(AsciiBuffer head, int status, byte[] body, long length) {
		if (!bodyless(status)) {
			head.header("Content-Length", length);
		}
		endFields(head);
		int sent = (body == null || noBody(status)) ? 0 : body.length;
		if (!this.out.queue(head, body, 0, sent, false)) {
			this.refused = head.length() + (long) sent;
			return false;
		}
		this.statusSent = true;
		this.headEnded = true;
		this.status = status;
		return true;
	}

	/** {@code Connection.write}: raw bytes, after what the handler wrote before. */
	int raw(byte[] data, int offset, int length) {
		if ((this.out.onWorker() || this.net.manager().inLoop()) && this.pendingHead != null) {
			flushHead(); // keeps the order of what the handler wrote
		}
		return this.out.raw(data, offset, length);
	}

	/**
	 * {@code Connection.addReplyHeader}: a header for the reply however it is then sent;
	 * once the status line is sent, a plain {@link #header}.
	 */
	void addHeader(String name, String value) {
		if (this.statusSent) {
			header(name, value);
			return;
		}
		AsciiBuffer.checkName(name);
		AsciiBuffer.checkText(value);
		this.compression.notePreset(name);
		this.replyHeaders.append(name).append(": ").append(value).append("\r\n");
	}

	/** The status line, {@code extra_headers} and the request's reply headers. */
	private AsciiBuffer statusLine(AsciiBuffer head, int status) {
		head.statusLine(status, extraHeaders());
		if (!this.replyHeaders.isEmpty()) {
			head.headerLines(this.replyHeaders);
		}
		return head;
	}

	private String extraHeaders() {
		return this.protocol.settings.extraHeaders;
	}

	// ---- what the reply is
	// -----------------------------------------------------------------------

	boolean isHead() {
		return "HEAD".equals(this.request.method);
	}

	/** Statuses whose replies have no body, so no framing either. */
	private static boolean bodyless(int status) {
		return status < 200 || status == 204 || status == 304;
	}

	private boolean noBody(int status) {
		return bodyless(status) || isHead();
	}

	/** Whether the body being streamed is chunked (its head is sent). */
	boolean chunked() {
		return this.chunked;
	}

	/**
	 * {@code data} as one chunk in one array, for a chunked body written from any thread
	 * with {@code NetConnection.writeShared} (an event stream's events).
	 */
	static byte[] chunk(byte[] data) {
		AsciiBuffer size = new AsciiBuffer().appendHex(data.length).crlf();
		byte[] chunk = new byte[size.length() + data.length + 2];
		System.arraycopy(size.array(), 0, chunk, 0, size.length());
		System.arraycopy(data, 0, chunk, size.length(), data.length);
		chunk[chunk.length - 2] = '\r';
		chunk[chunk.length - 1] = '\n';
		return chunk;
	}

	/** Whether the connection stays open after this reply. */
	boolean keepAlive() {
		if (this.protocol.draining() || this.closeAfter || this.closeDelimited || this.request.connectionClose) {
			return false;
		}
		return this.request.version == 11 || this.request.connectionKeepAlive;
	}

	/** The connection closes once this reply is sent. */
	void closeAfter() {
		this.closeAfter = true;
	}

	void setCloseAfter(boolean close) {
		this.closeAfter = close;
	}

	boolean closesAfter() {
		return this.closeAfter;
	}

	/** The status sent, or (for the error handler) the error being reported. */
	int status() {
		return this.status;
	}

	/** Names the error an error handler is called for, before any head is sent. */
	void reportStatus(int status) {
		this.status = status;
	}

	boolean statusSent() {
		return this.statusSent;
	}

	long refused() {
		return this.refused;
	}

	/** A new request begins. */
	void reset() {
		this.status = 0;
		this.statusSent = false;
		this.headEnded = false;
		this.chunked = false;
		this.closeDelimited = false;
		this.declaredLength = -1;
		this.owed = 0;
		this.dateSet = false;
		this.connectionSet = false;
		this.offersUpgrade = false;
		this.closeAfter = false;
		this.refused = 0;
		this.replyHeaders.setLength(0);
		this.compression.reset();
		this.out.reset();
		if (this.pendingHead != null) {
			this.pendingHead.reset();
		}
	}

	private static final byte[] EMPTY = new byte[0];

}
