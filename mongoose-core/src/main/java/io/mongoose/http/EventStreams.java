package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.mongoose.BroadcastResult;
import io.mongoose.Connection;
import io.mongoose.EventStreamHandler;
import io.mongoose.ServerSentEvent;
import io.mongoose.http.RequestState.Phase;

/**
 * Server-Sent Events of one server: opens a stream for a request to an
 * {@link EventStreamHandler} (the head and the first bytes through the connection's
 * {@link ReplyWriter}, which frames the body), keeps the open streams and each handler's
 * {@link ReplayBuffer}, broadcasts, sends the heartbeats and ends the streams. IO thread,
 * but for {@link EventStreamSession}'s writes.
 */
final class EventStreams {

	private static final System.Logger log = System.getLogger(EventStreams.class.getName());

	/** One handler's URIs and the events broadcast to them. */
	private static final class Stream {

		/** The prefixes it is registered under; {@code null} inside a router: any. */
		final List<String> prefixes = new ArrayList<>();

		final ReplayBuffer replay = new ReplayBuffer();

		boolean overlaps(String prefix) {
			if (prefix == null || this.prefixes.isEmpty()) {
				return true;
			}
			for (String own : this.prefixes) {
				if (own.startsWith(prefix) || prefix.startsWith(own)) {
					return true;
				}
			}
			return false;
		}

	}

	private final HttpProtocol protocol;

	private final Map<EventStreamHandler, Stream> streams = new IdentityHashMap<>();

	private final Set<EventStreamSession> open = new LinkedHashSet<>();

	EventStreams(HttpProtocol protocol) {
		this.protocol = protocol;
	}

	void register(String prefix, EventStreamHandler handler) {
		Stream stream = this.streams.computeIfAbsent(handler, (h) -> new Stream());
		if (prefix != null) {
			stream.prefixes.add(prefix);
		}
	}

	/**
	 * Answers a request to an event stream URI: {@code GET} opens the stream (the head,
	 * the replayed events or a first comment, then {@code onOpen}), {@code HEAD} gets the
	 * head alone, other methods {@code 405}.
	 */
	void open(HttpConnection c, EventStreamHandler handler) {
		Dispatcher dispatcher = this.protocol.dispatcher;
		boolean head = "HEAD".equals(c.requestMethod());
		if (!head && !"GET".equals(c.requestMethod())) {
			c.reply.addHeader("Allow", "GET, HEAD");
			this.protocol.errors.sendError(c, 405, "an event stream is read with GET");
			dispatcher.finish(c);
			return;
		}
		c.reply.status(200);
		c.reply.header("Content-Type", "text/event-stream");
		c.reply.header("Cache-Control", "no-store");
		if (head) {
			dispatcher.finish(c);
			return;
		}
		Stream stream = this.streams.computeIfAbsent(handler, (h) -> new Stream());
		byte[] first = replay(c, stream);
		if (c.reply.data(first, 0, first.length) == 0) {
			log.log(Level.WARNING, () -> c + ": the head of an event stream and " + first.length
					+ " bytes of replayed events do not fit the send queue (send_queue_limit); closing");
			c.net.closeNow();
			return;
		}
		RequestState s = c.requestState;
		c.request.detach(); // filters and handlers still read the head
		c.net.consume(s.requestEnd);
		s.requestEnd = 0;
		this.protocol.bodies.release(c);
		s.phase = Phase.STREAMING;
		EventStreamSession session = new EventStreamSession(c, handler, c.reply.chunked(), this.protocol.settings);
		c.openedEventStream(session);
		this.open.add(session);
		dispatcher.completed(c); // the access log has the stream's head
		try {
			handler.onOpen(c);
		}
		catch (RuntimeException ex) {
			log.log(Level.ERROR, "onOpen failed for " + c + ", ending the event stream", ex);
			session.end();
		}
	}

	/**
	 * The events the client missed ({@code Last-Event-ID}), or a comment: either way the
	 * head goes out at once and the client's {@code EventSource} opens.
	 */
	private static byte[] replay(HttpConnection c, Stream stream) {
		String lastId = c.getHeader("Last-Event-ID");
		byte[] missed = (lastId != null) ? stream.replay.after(lastId, c.uri()) : null;
		if (lastId != null && missed == null) {
			log.log(Level.DEBUG,
					() -> c + ": Last-Event-ID " + lastId + " is not in the replay buffer; nothing replayed");
		}
		return (missed != null && missed.length > 0) ? missed : EventWire.HEARTBEAT;
	}

	/**
	 * Sends {@code event} to every open stream under {@code prefix} that {@code filter}
	 * accepts, encoded and framed once; one with an id and no filter is kept for replay.
	 */
	BroadcastResult broadcast(String prefix, Predicate<Connection> filter, ServerSentEvent event) {
		byte[] plain = EventWire.encode(event);
		int capacity = this.protocol.settings.sseReplaySize;
		if (event.id() != null && filter == null && capacity > 0) {
			for (Stream stream : this.streams.values()) {
				if (stream.overlaps(prefix)) {
					stream.replay.add(prefix, event.id(), plain, capacity);
				}
			}
		}
		byte[] chunk = null;
		int reached = 0;
		int skipped = 0;
		int closed = 0;
		for (EventStreamSession session : this.open) {
			HttpConnection c = session.connection;
			if ((prefix != null && !c.uri().startsWith(prefix)) || !accepts(filter, c)) {
				continue;
			}
			if (session.chunked && chunk == null) {
				chunk = ReplyWriter.chunk(plain);
			}
			int n = session.send(session.chunked ? chunk : plain);
			if (n > 0) {
				reached++;
			}
			else if (n == 0) {
				skipped++;
			}
			else {
				closed++;
			}
		}
		return new BroadcastResult(reached, skipped, closed);
	}

	private static boolean accepts(Predicate<Connection> filter, HttpConnection c) {
		try {
			return filter == null || filter.test(c);
		}
		catch (RuntimeException ex) {
			log.log(Level.ERROR, "event broadcast filter failed on " + c, ex);
			return false;
		}
	}

	/** The sweep: a heartbeat when one is due. */
	void poll(HttpConnection c, long now) {
		EventStreamSession session = c.eventStream();
		long interval = this.protocol.settings.sseHeartbeatMillis;
		if (session != null && interval > 0 && now - session.lastBeatMillis >= interval) {
			session.heartbeat(now);
		}
	}

	/** The connection of a stream closed. */
	void closed(HttpConnection c) {
		EventStreamSession session = c.eventStream();
		if (session == null || !this.open.remove(session)) {
			return;
		}
		session.closed();
		try {
			session.handler.onClose(c);
		}
		catch (RuntimeException ex) {
			log.log(Level.WARNING, "onClose failed for " + c, ex);
		}
	}

	/** Open streams; IO thread. */
	int openCount() {
		return this.open.size();
	}

}
