package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.mongoose.BodyHandler;
import io.mongoose.net.NetConnection;

/**
 * Reads request bodies. A buffered body waits in the receive buffer: a
 * {@code Content-Length} body until it is all there, a chunked one de-chunked in place,
 * the buffer growing as bytes arrive, each growth charged to the server's
 * {@code max_buffered_bytes} first, so a body that does not fit is refused with 503
 * instead of exhausting the heap. A streamed body (a {@link BodyHandler}'s) flows through
 * the receive buffer instead, which never grows: each decoded piece goes to the handler
 * and is consumed, and while the handler holds the next one back the buffer fills and the
 * socket is no longer read, so TCP holds the client back.
 */
final class BodyReader {

	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	/**
	 * The rest of a body answered early that is still read (and dropped) before the
	 * connection closes.
	 */
	private static final long LINGER = 64 * 1024;

	private final HttpProtocol protocol;

	BodyReader(HttpProtocol protocol) {
		this.protocol = protocol;
	}

	/** Prepares the reading of a body that starts at {@code end}. */
	void start(HttpConnection c, int end) {
		RequestState s = c.requestState;
		HttpSettings settings = this.protocol.settings;
		s.bodyStartMillis = c.net.lastIoMillis();
		if (c.request.chunked) {
			if (s.chunkedDecoder == null) {
				s.chunkedDecoder = new ChunkedDecoder();
			}
			s.chunkedDecoder.start(end);
			s.bodyRecvLimit = (int) Math.min(Integer.MAX_VALUE - 64, end + settings.maxBodySize + 64 * 1024);
		}
		else {
			s.bodyRecvLimit = (int) Math.max(settings.maxRequestSize, end + c.request.contentLength);
		}
		// the receive buffer grows from max_request_size as the body arrives: see grow
	}

	/**
	 * Prepares a body that {@code handler} takes as it arrives: the head leaves the
	 * receive buffer (the request keeps a copy), so the whole buffer is the body's.
	 */
	void startStream(HttpConnection c, int end, BodyHandler handler) {
		RequestState s = c.requestState;
		s.bodyStartMillis = c.net.lastIoMillis();
		c.request.detach();
		c.net.consume(end);
		s.bodyStart = 0;
		s.requestEnd = 0;
		if (c.request.chunked) {
			if (s.chunkedDecoder == null) {
				s.chunkedDecoder = new ChunkedDecoder();
			}
			s.chunkedDecoder.start(0);
		}
		StreamedBody body = new StreamedBody(c, handler, c.request.chunked ? -1 : c.request.contentLength);
		s.streamed = body;
		s.handler = body.ending();
	}

	/**
	 * True once the whole body is buffered, or a streamed body ended (its handler answers
	 * next).
	 */
	boolean read(HttpConnection c) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		Request request = c.request;
		if (s.streamed != null) {
			return stream(c, s.streamed);
		}
		if (request.chunked) {
			ChunkedDecoder decoder = s.chunkedDecoder;
			int decoded = decodeChunks(c, net.recvArray(), net.recvLength(), s.bodyStart,
					this.protocol.settings.maxBodySize);
			if (decoded <= 0) {
				if (decoded == 0) {
					grow(c);
				}
				return false;
			}
			int end = decoder.decodedEnd();
			net.cut(end, decoder.rawEnd() - end);
			s.bodyLength = end - s.bodyStart;
			s.requestEnd = end;
			return true;
		}
		long end = s.bodyStart + request.contentLength;
		if (net.recvLength() < end) {
			grow(c);
			return false;
		}
		s.bodyLength = (int) request.contentLength;
		s.requestEnd = (int) end;
		return true;
	}

	/**
	 * Decodes the chunks received: 1 once the last chunk is in, 0 while more is to come,
	 * -1 when the body is refused (the client has its answer).
	 */
	private int decodeChunks(HttpConnection c, byte[] buf, int length, int from, long limit) {
		try {
			return c.requestState.chunkedDecoder.decode(buf, length, from, limit) ? 1 : 0;
		}
		catch (HttpError ex) {
			this.protocol.errors.reject(c, ex.status(), ex.getMessage());
		}
		catch (RuntimeException ex) { // a decoder bug still gets an answer
			this.protocol.errors.reject(c, 400, "undecodable chunked body: " + ex);
		}
		return -1;
	}

	/**
	 * Doubles the receive buffer of a body that filled it, up to what the body needs,
	 * charging the growth to the budget first: bytes are held only once they arrive.
	 */
	private void grow(HttpConnection c) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		BufferBudget budget = this.protocol.settings.bufferBudget;
		// a loop: pipelined bytes may already fill more than one doubling
		while (net.isRecvFull() && net.recvLimit() < s.bodyRecvLimit) {
			int limit = net.recvLimit();
			int grown = (int) Math.min(s.bodyRecvLimit, 2L * limit);
			if (!budget.tryCharge(grown - limit)) {
				this.protocol.errors.reject(c, 503,
						"request bodies and WebSocket messages buffered by the server reach max_buffered_bytes ("
								+ budget.limit() + ")");
				return;
			}
			s.bufferCharge += grown - limit;
			net.setRecvLimit(grown);
		}
	}

	/**
	 * Gives back what the current body charged; its bytes are consumed or the connection
	 * is gone. A streamed body that did not end is aborted: its handler is told.
	 */
	void release(HttpConnection c) {
		RequestState s = c.requestState;
		if (s.bufferCharge > 0) {
			this.protocol.settings.bufferBudget.release(s.bufferCharge);
			s.bufferCharge = 0;
			c.net.trimRecv();
		}
		StreamedBody body = s.streamed;
		if (body != null) {
			s.streamed = null;
			if (!body.over) {
				body.over = true;
				if (body.onWorker) {
					body.abortDue = true; // told once the worker gives the piece back
				}
				else {
					abort(body);
				}
			}
		}
	}

	// ---- streamed bodies
	// -----------------------------------------------------------------

	/**
	 * Hands what arrived to the body's handler, piece by piece, while it takes them.
	 * @return true once the body ended
	 */
	private boolean stream(HttpConnection c, StreamedBody body) {
		NetConnection net = c.net;
		while (!body.held() && c.requestState.streamed == body && !net.isClosing()) {
			byte[] buf = net.recvArray();
			int length = net.recvLength();
			if (body.discarding) { // answered: what is left is read and dropped
				int n = (int) Math.min(length, body.remaining);
				net.consume(n);
				body.remaining -= n;
				if (body.remaining == 0) {
					this.protocol.dispatcher.finish(c);
				}
				return false;
			}
			int n;
			int raw;
			boolean end;
			if (c.request.chunked) {
				ChunkedDecoder decoder = c.requestState.chunkedDecoder;
				int decoded = decodeChunks(c, buf, length, 0, body.handler.maxBodySize());
				if (decoded < 0) {
					return false;
				}
				end = decoded > 0;
				n = decoder.decodedEnd();
				raw = decoder.rawEnd();
			}
			else {
				n = (int) Math.min(length, body.remaining);
				raw = n;
				body.remaining -= n;
				end = body.remaining == 0;
			}
			if (n == 0) {
				consume(c, raw); // chunk lines and trailers only
				if (end) {
					body.over = true;
				}
				return end;
			}
			hand(c, body, buf, n, raw);
		}
		return false;
	}

	/** Hands {@code [0, n)} to the handler and consumes {@code raw} bytes. */
	private void hand(HttpConnection c, StreamedBody body, byte[] buf, int n, int raw) {
		body.handing(n);
		BodyHandler handler = body.handler;
		// an answer written during the piece says Connection: close: the rest of the body
		// is never read
		body.keepOpen = !c.reply.closesAfter();
		c.reply.closeAfter();
		if (handler.isBlocking()) {
			// the worker gets a copy: the receive buffer fills again meanwhile
			ByteBuffer copy = ByteBuffer.wrap(Arrays.copyOf(buf, n));
			consume(c, raw);
			body.onWorker = true;
			body.hold();
			if (!this.protocol.dispatcher.workers.step(c, () -> handler.onBodyChunk(body, copy),
					(more, failure) -> returned(c, body, more, failure))) {
				body.onWorker = false;
				this.protocol.errors.reject(c, 503, this.protocol.dispatcher.workers.refusal());
			}
			return;
		}
		boolean more;
		try {
			more = handler.onBodyChunk(body, ByteBuffer.wrap(buf, 0, n).slice().asReadOnlyBuffer());
		}
		catch (Throwable ex) {
			consume(c, raw);
			this.protocol.dispatcher.bodyFailed(c, ex);
			return;
		}
		consume(c, raw);
		handled(c, body, more);
	}

	/** A worker gave a piece back; IO thread. */
	private void returned(HttpConnection c, StreamedBody body, boolean more, Throwable failure) {
		body.onWorker = false;
		if (body.over) {
			if (body.abortDue) {
				abort(body);
			}
			return;
		}
		if (failure != null) {
			this.protocol.dispatcher.bodyFailed(c, failure);
			return;
		}
		handled(c, body, more);
		body.release();
		if (!body.held()) {
			this.protocol.process(c);
		}
	}

	/** After a piece: an answer ends the request (its body unread), false pauses it. */
	private void handled(HttpConnection c, StreamedBody body, boolean more) {
		c.reply.flushHead();
		if (c.reply.out.any()) {
			body.over = true;
			abort(body);
			if (!c.request.chunked && body.remaining <= LINGER) {
				// a close with unread bytes is a reset, which can destroy the answer
				// before the client reads it: a small rest is read first
				body.discarding = true;
			}
			else {
				c.net.expectUnreadInput();
				this.protocol.dispatcher.finish(c);
			}
			return;
		}
		c.reply.setCloseAfter(!body.keepOpen || this.protocol.draining());
		body.handled(more);
		if (body.paused) {
			body.hold();
		}
	}

	private static void consume(HttpConnection c, int raw) {
		c.net.consume(raw);
		if (c.request.chunked) {
			c.requestState.chunkedDecoder.restart(0);
		}
	}

	/**
	 * Tells the handler its body will not end: on a worker for a blocking handler (it
	 * deletes files), here if the executor refuses.
	 */
	private void abort(StreamedBody body) {
		Runnable call = () -> {
			try {
				body.handler.onBodyAborted(body);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "body handler failed on an aborted body of " + body.connection, ex);
			}
		};
		if (!body.handler.isBlocking() || !this.protocol.dispatcher.workers.execute(call)) {
			call.run();
		}
	}

}
