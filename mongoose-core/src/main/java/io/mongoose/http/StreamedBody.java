package io.mongoose.http;

import io.mongoose.BodyHandler;
import io.mongoose.BodyStream;
import io.mongoose.Connection;
import io.mongoose.Handler;

/**
 * The state of one body a {@link BodyHandler} takes as it arrives: how much is left,
 * whether the handler holds the next piece back (it paused, or a worker has a piece), and
 * how long it did, so the body's timeouts count only the client's time. IO thread, but
 * for {@link #resume} and what a worker reads while it runs the handler.
 */
final class StreamedBody implements BodyStream {

	final HttpConnection connection;

	final BodyHandler handler;

	/** {@code Content-Length} bytes still to come; unused for a chunked body. */
	long remaining;

	private long received;

	private Object attachment;

	/** The handler returned false and was not resumed yet. */
	boolean paused;

	/** A worker has a piece (or the end) of this body. */
	boolean onWorker;

	/** The body is over: ended ({@code onBodyEnd} is next) or aborted. */
	boolean over;

	/** The request was answered early: the rest of the body is read and dropped. */
	boolean discarding;

	/** Whether the connection may stay open once the request is answered. */
	boolean keepOpen;

	/** Aborted while a worker had a piece: the handler is told once it is back. */
	boolean abortDue;

	/** {@code resume} was called since the last piece was handed over. */
	private volatile boolean resumeAsked;

	/** Since when the handler holds the body, and for how long it did before. */
	private long heldSince;

	private long heldMillis;

	private long releasedMillis;

	StreamedBody(HttpConnection connection, BodyHandler handler, long remaining) {
		this.connection = connection;
		this.handler = handler;
		this.remaining = remaining;
	}

	/**
	 * The request's handler once the body ended: {@code onBodyEnd}, here or on a worker
	 * as the body handler is.
	 */
	Handler ending() {
		return new Handler() {

			@Override
			public Result handle(Connection c) throws Exception {
				return StreamedBody.this.handler.onBodyEnd(StreamedBody.this);
			}

			@Override
			public boolean isBlocking() {
				return StreamedBody.this.handler.isBlocking();
			}

		};
	}

	@Override
	public Connection connection() {
		return this.connection;
	}

	@Override
	public long received() {
		return this.received;
	}

	@Override
	public Object attachment() {
		return this.attachment;
	}

	@Override
	public void attach(Object state) {
		this.attachment = state;
	}

	@Override
	public void resume() {
		this.resumeAsked = true;
		this.connection.net.manager().execute(() -> {
			if (this.paused && !this.over) {
				this.paused = false;
				release();
				this.connection.protocol.process(this.connection);
			}
		});
	}

	/** A piece of {@code n} bytes is handed to the handler. */
	void handing(int n) {
		this.received += n;
		this.resumeAsked = false;
	}

	/** The handler returned {@code more} for the last piece; IO thread. */
	void handled(boolean more) {
		this.paused = !more && !this.resumeAsked;
	}

	/** Whether the handler holds the body back (the client is not to blame). */
	boolean held() {
		return this.paused || this.onWorker;
	}

	/** The handler starts holding the body back (it paused, or a worker has it). */
	void hold() {
		if (this.heldSince == 0) {
			this.heldSince = System.currentTimeMillis();
		}
	}

	/** The handler let the body flow again. */
	void release() {
		if (this.heldSince != 0 && !held()) {
			long now = System.currentTimeMillis();
			this.heldMillis += now - this.heldSince;
			this.heldSince = 0;
			this.releasedMillis = now;
		}
	}

	/** Milliseconds the handler held the body back so far. */
	long heldMillis() {
		return this.heldMillis;
	}

	/** When the handler last let the body flow again; 0 if it never held it. */
	long releasedMillis() {
		return this.releasedMillis;
	}

}
