package io.mongoose.http;

import java.util.Arrays;
import java.util.Map;

import io.mongoose.Handler;

/**
 * Where {@link HttpProtocol} is with one connection's current request: the phase, where
 * the head and body lie in the receive buffer, the handler, the clocks of the timeouts,
 * the authentication result, a suspension, and the failure behind a 500. The protocol's
 * own bookkeeping, reset for every request; the reply side is {@link ReplyWriter}.
 */
final class RequestState {

	enum Phase {

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
		UPGRADED,
		/** The reply is an event stream, written until it ends ({@link EventStreams}). */
		STREAMING

	}

	private static final byte[] EMPTY = new byte[0];

	Phase phase = Phase.HEAD;

	/**
	 * Where the search for the end of the head resumes, and the blank lines before it.
	 */
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

	/**
	 * The body a {@link io.mongoose.BodyHandler} takes as it arrives; cleared (and
	 * aborted unless it ended) when the body's buffers are released, not by
	 * {@link #reset}.
	 */
	StreamedBody streamed;

	Handler handler;

	long requestStartMillis;

	long bodyStartMillis;

	long headNanos;

	/** The auth hook already passed this request at its head. */
	boolean headAuthorized;

	/**
	 * The route a router resolved the request to ({@code null}: none), and its captures.
	 */
	String matchedRoute;

	Map<String, String> pathVariables = Map.of();

	/** The user the request proved to be (set by an authentication layer), or null. */
	String authenticatedUser;

	/**
	 * Set by {@code suspend()} (from the IO thread or the worker) until the request ends.
	 */
	volatile Suspension suspension;

	long suspendedMillis;

	/** What made the handler fail, for the error handler of the 500 and the observer. */
	Throwable error;

	/**
	 * The {@link io.mongoose.RequestObserver}'s state of the current request;
	 * {@code null} when unobserved (cleared when the observer is told it ended).
	 */
	Object observed;

	private byte[] content;

	/** The body, copied out of the receive buffer once asked for. */
	byte[] content(byte[] recv) {
		if (this.content == null) {
			this.content = (this.bodyLength == 0) ? EMPTY
					: Arrays.copyOfRange(recv, this.bodyStart, this.bodyStart + this.bodyLength);
		}
		return this.content;
	}

	/** Sets what {@code content()} returns (a WebSocket frame's payload). */
	void setContent(byte[] content) {
		this.content = content;
	}

	/** Keeps the connection-long parts (the chunked decoder, the buffer charge). */
	void reset() {
		this.phase = Phase.HEAD;
		this.scanFrom = 0;
		this.leadingBytes = 0;
		this.bodyStart = 0;
		this.bodyLength = 0;
		this.requestEnd = 0;
		this.handler = null;
		this.requestStartMillis = 0;
		this.content = null;
		this.authenticatedUser = null;
		this.headAuthorized = false;
		this.suspension = null;
		this.error = null;
		this.matchedRoute = null;
		this.pathVariables = Map.of();
	}

}
