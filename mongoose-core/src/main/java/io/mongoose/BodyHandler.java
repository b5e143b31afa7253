package io.mongoose;

import java.nio.ByteBuffer;

/**
 * A handler that takes a request body as it arrives instead of buffered (the original's
 * {@code MG_EV_HTTP_CHUNK}): for a request with a body, {@link #onBodyChunk} gets each
 * decoded piece (chunked or {@code Content-Length}) as it is read, then
 * {@link #onBodyEnd} answers; {@link #onBodyAborted} is told if the body never ends.
 * Requests without a body get {@link #handle} as from any handler.
 * <p>
 * Memory stays bounded: the connection reads into its receive buffer
 * ({@code max_request_size}) and no further while the handler has not taken what it got,
 * so a client sending faster than the handler consumes is held back by TCP.
 * {@code max_body_size} does not apply; {@link #maxBodySize} does.
 * <p>
 * On the IO thread by default. A handler whose {@link #isBlocking()} returns true (it
 * writes to disk, for example) gets every call on the server's worker executor instead,
 * one at a time per request, each piece a copy it may keep: while a piece is on a worker
 * the connection reads only up to its receive buffer. {@link FileUpload} is such a
 * handler. Registered like any other: {@code server.addUriHandler("/in", handler)}.
 */
public interface BodyHandler extends Handler {

	/**
	 * The largest body this handler takes: a longer declared {@code Content-Length} is
	 * answered {@code 413} at the head (before any {@code 100 Continue}), a chunked body
	 * that grows past it is {@code 413} then ({@link #onBodyAborted} follows).
	 */
	long maxBodySize();

	/**
	 * The next piece of the body. On the IO thread, {@code data} is a read-only view of
	 * the receive buffer, valid during the call only (copy what you keep); on a worker it
	 * is a copy. A handler that answers here (a refusal) ends the request: the rest of
	 * the body is not read and the connection closes after the reply.
	 * @param body this request's body: its progress, a slot for state, {@code resume}
	 * @return true for the next piece as soon as it arrives; false to pause reading until
	 * {@link BodyStream#resume()} is called
	 * @throws Exception to abort the request with a 500 reply
	 */
	boolean onBodyChunk(BodyStream body, ByteBuffer data) throws Exception;

	/**
	 * The whole body arrived: answer the request as {@link #handle} would.
	 * @throws Exception to abort the request with a 500 reply
	 */
	Result onBodyEnd(BodyStream body) throws Exception;

	/**
	 * The body will not end: the client left, sent a malformed or oversized body, timed
	 * out, or the handler answered early. Release what the body holds (delete a partial
	 * file). Called once, never after {@link #onBodyEnd}; nothing can be sent any more.
	 */
	default void onBodyAborted(BodyStream body) {
	}

}
