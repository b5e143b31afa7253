package io.mongoose.http;

import io.mongoose.net.NetConnection;

/**
 * Buffers a request body in the receive buffer: waits for a {@code Content-Length} body,
 * de-chunks a chunked one in place, and grows the buffer as bytes arrive, each growth
 * charged to the server's {@code max_buffered_bytes} first, so a body that does not fit
 * is refused with 503 instead of exhausting the heap.
 */
final class BodyReader {

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

	/** True once the whole body is buffered. */
	boolean read(HttpConnection c) {
		NetConnection net = c.net;
		RequestState s = c.requestState;
		Request request = c.request;
		if (request.chunked) {
			ChunkedDecoder decoder = s.chunkedDecoder;
			try {
				if (!decoder.decode(net.recvArray(), net.recvLength(), s.bodyStart,
						this.protocol.settings.maxBodySize)) {
					grow(c);
					return false;
				}
			}
			catch (HttpError ex) {
				this.protocol.errors.reject(c, ex.status(), ex.getMessage());
				return false;
			}
			catch (RuntimeException ex) { // a decoder bug still gets an answer
				this.protocol.errors.reject(c, 400, "undecodable chunked body: " + ex);
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
	 * is gone.
	 */
	void release(HttpConnection c) {
		RequestState s = c.requestState;
		if (s.bufferCharge > 0) {
			this.protocol.settings.bufferBudget.release(s.bufferCharge);
			s.bufferCharge = 0;
			c.net.trimRecv();
		}
	}

}
