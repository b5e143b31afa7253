package io.mongoose.http;

import java.lang.System.Logger.Level;

import io.mongoose.EventStreamHandler;
import io.mongoose.ServerSentEvent;
import io.mongoose.net.NetConnection;

/**
 * One open event stream: its connection, its handler, how its body is framed, and its
 * end. Writes come from any thread, each event as one shared array on the send queue,
 * like a WebSocket frame; everything else is for the IO thread.
 */
final class EventStreamSession {

	/** {@link #send} result when the stream was closed because it reads too slowly. */
	static final int CLOSED_SLOW_READER = -1;

	private static final System.Logger log = System.getLogger(EventStreamSession.class.getName());

	private static final byte[] CHUNKED_HEARTBEAT = ReplyWriter.chunk(EventWire.HEARTBEAT);

	final HttpConnection connection;

	final EventStreamHandler handler;

	/** Whether the body is chunked (HTTP/1.1) rather than close-delimited (HTTP/1.0). */
	final boolean chunked;

	private final NetConnection net;

	private final HttpSettings settings;

	/**
	 * No event may follow: the end is queued, or the stream is closed; guarded by this.
	 */
	private boolean ended;

	/** When the last heartbeat went out (IO thread). */
	long lastBeatMillis;

	EventStreamSession(HttpConnection connection, EventStreamHandler handler, boolean chunked, HttpSettings settings) {
		this.connection = connection;
		this.handler = handler;
		this.chunked = chunked;
		this.net = connection.net;
		this.settings = settings;
		this.lastBeatMillis = System.currentTimeMillis();
	}

	/** Encodes and queues one event; any thread. */
	int send(ServerSentEvent event) {
		byte[] encoded = EventWire.encode(event);
		return Math.max(0, send(this.chunked ? ReplyWriter.chunk(encoded) : encoded));
	}

	/**
	 * Queues one framed event (shared, never modified again); any thread. One that does
	 * not fit the send queue is dropped, and with {@code websocket_slow_reader=close} the
	 * stream is closed too.
	 * @return bytes queued, 0 if dropped, {@link #CLOSED_SLOW_READER} if dropped and
	 * closing
	 */
	int send(byte[] frame) {
		synchronized (this) {
			if (this.ended || this.net.isClosed() || this.net.isClosing()) {
				return 0;
			}
			int n = this.net.writeShared(frame);
			if (n > 0 || !this.settings.closeSlowReaders) {
				return n;
			}
			this.ended = true;
		}
		log.log(Level.INFO, () -> "closing the event stream " + this.connection + ": its send queue is full ("
				+ this.net.sendLimit() + " bytes, send_queue_limit) and websocket_slow_reader is close");
		this.net.manager().execute(this.net::closeNow);
		return CLOSED_SLOW_READER;
	}

	/** A heartbeat comment, framed like the events; IO thread. */
	void heartbeat(long now) {
		this.lastBeatMillis = now;
		send(this.chunked ? CHUNKED_HEARTBEAT : EventWire.HEARTBEAT);
	}

	/**
	 * Ends the body after every event queued so far, from any thread (the end follows
	 * them on the loop's task queue), then closes the connection; any thread.
	 */
	void end() {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.net.manager().execute(() -> {
			if (!this.net.isClosed()) {
				this.connection.reply.finish();
				this.net.closeAfterSend();
			}
		});
	}

	/** The connection closed: nothing more is written. */
	synchronized void closed() {
		this.ended = true;
	}

}
