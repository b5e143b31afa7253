package io.mongoose.client;

import java.net.ProtocolException;
import java.util.Arrays;

import io.mongoose.http.ChunkedDecoder;
import io.mongoose.http.HttpError;
import io.mongoose.http.RequestParser;
import io.mongoose.net.NetConnection;

/**
 * Reads one response out of a connection's receive buffer as it arrives: skips interim
 * {@code 1xx} heads, parses the head, then waits for the body framed by
 * {@code Content-Length}, chunked coding (de-chunked in place by the server's
 * {@link ChunkedDecoder}) or the end of the stream. Head and body are bounded: the
 * receive buffer may grow to the head limit, then to the head plus the body limit, and a
 * response that would pass them fails at once.
 */
final class ResponseReader {

	private static final int MAX_HEADERS = 100;

	/** Room for chunk-size lines and trailers above the body limit. */
	private static final int CHUNK_SLACK = 16 * 1024;

	private final int maxHeadSize;

	private final long maxBodySize;

	private final boolean headRequest;

	private final boolean upgrade;

	private int scanFrom;

	private ResponseHead head;

	private int bodyStart;

	private ChunkedDecoder chunks;

	private boolean reusable;

	ResponseReader(ClientSettings settings, boolean headRequest, boolean upgrade) {
		this.maxHeadSize = settings.maxHeadSize();
		this.maxBodySize = settings.maxBodySize();
		this.headRequest = headRequest;
		this.upgrade = upgrade;
	}

	/** The head, once parsed; {@code null} before. */
	ResponseHead head() {
		return this.head;
	}

	/** Where the body starts in the receive buffer, once the head is parsed. */
	int bodyStart() {
		return this.bodyStart;
	}

	/** The connection may carry the next request: read to its end, nothing extra. */
	boolean reusable() {
		return this.reusable;
	}

	/**
	 * Reads what has arrived. Once the response is complete its bytes are consumed.
	 * @return the response, or {@code null} while more bytes are needed (for an upgrade:
	 * once the head is in, without consuming it)
	 * @throws ProtocolException for a malformed response or one over a limit
	 */
	RawResponse read(NetConnection net) throws ProtocolException {
		byte[] buf = net.recvArray();
		int length = net.recvLength();
		while (this.head == null) {
			int end = RequestParser.headEnd(buf, this.scanFrom, length);
			if (end < 0 || end > this.maxHeadSize) {
				if (length >= this.maxHeadSize) {
					throw new ProtocolException("response head larger than " + this.maxHeadSize + " bytes");
				}
				this.scanFrom = Math.max(0, length - 3);
				net.setRecvLimit(this.maxHeadSize);
				return endOfStream(net, null);
			}
			ResponseHead parsed = ResponseHead.parse(buf, end, MAX_HEADERS);
			if (parsed.status < 200 && parsed.status != 101) {
				net.consume(end); // 100 Continue, 103 Early Hints: the answer follows
				buf = net.recvArray();
				length = net.recvLength();
				this.scanFrom = 0;
				continue;
			}
			if (this.upgrade) {
				this.head = parsed;
				this.bodyStart = end;
				return new RawResponse(parsed.status, parsed.reason, parsed.headers, new byte[0]);
			}
			if (parsed.status == 101) {
				throw new ProtocolException("101 Switching Protocols without an upgrade request");
			}
			start(net, parsed, end);
		}
		return body(net, buf, length);
	}

	private void start(NetConnection net, ResponseHead parsed, int end) throws ProtocolException {
		this.head = parsed;
		this.bodyStart = end;
		long room;
		if (parsed.hasNoBody(this.headRequest)) {
			room = 0;
		}
		else if (parsed.contentLength >= 0) {
			if (parsed.contentLength > this.maxBodySize) {
				throw new ProtocolException("response body of " + parsed.contentLength
						+ " bytes is larger than the limit of " + this.maxBodySize);
			}
			room = parsed.contentLength;
		}
		else if (parsed.chunked) {
			this.chunks = new ChunkedDecoder();
			this.chunks.start(end);
			room = this.maxBodySize + CHUNK_SLACK;
		}
		else {
			room = this.maxBodySize + 1; // one byte more tells a body over the limit
		}
		net.setRecvLimit((int) Math.min(Integer.MAX_VALUE - 8, end + Math.max(room, 1)));
	}

	private RawResponse body(NetConnection net, byte[] buf, int length) throws ProtocolException {
		ResponseHead h = this.head;
		if (h.hasNoBody(this.headRequest)) {
			return complete(net, buf, this.bodyStart, this.bodyStart, this.bodyStart, h.keepsAlive());
		}
		if (h.contentLength >= 0) {
			long end = this.bodyStart + h.contentLength;
			return (length >= end) ? complete(net, buf, this.bodyStart, (int) end, (int) end, h.keepsAlive())
					: endOfStream(net, "the response body ended after " + (length - this.bodyStart) + " of "
							+ h.contentLength + " bytes");
		}
		if (this.chunks != null) {
			boolean done;
			try {
				done = this.chunks.decode(buf, length, this.bodyStart, this.maxBodySize);
			}
			catch (HttpError ex) {
				throw new ProtocolException(
						(ex.status() == 413) ? "response body larger than the limit of " + this.maxBodySize + " bytes"
								: "malformed chunked response body: " + ex.getMessage());
			}
			if (done) {
				return complete(net, buf, this.bodyStart, this.chunks.decodedEnd(), this.chunks.rawEnd(),
						h.keepsAlive());
			}
			if (net.isRecvFull()) {
				throw new ProtocolException("chunked response larger than the limit of " + this.maxBodySize + " bytes");
			}
			return endOfStream(net, "the chunked response body ended before its last chunk");
		}
		if (length - this.bodyStart > this.maxBodySize) {
			throw new ProtocolException("response body larger than the limit of " + this.maxBodySize + " bytes");
		}
		// delimited by the end of the stream
		return net.isPeerClosed() ? complete(net, buf, this.bodyStart, length, length, false) : null;
	}

	/** Null while the stream is open; else the stream ended too early: {@code what}. */
	private static RawResponse endOfStream(NetConnection net, String what) throws ProtocolException {
		if (!net.isPeerClosed()) {
			return null;
		}
		throw new ProtocolException(
				(what != null) ? what : (net.recvLength() == 0) ? "the server closed the connection without a response"
						: "the server closed the connection in the middle of the response head");
	}

	private RawResponse complete(NetConnection net, byte[] buf, int start, int end, int consumed, boolean keepAlive) {
		byte[] body = Arrays.copyOfRange(buf, start, end);
		this.reusable = keepAlive && consumed == net.recvLength() && !net.isPeerClosed();
		net.consume(consumed);
		net.setRecvLimit(this.maxHeadSize);
		return new RawResponse(this.head.status, this.head.reason, this.head.headers, body);
	}

}
