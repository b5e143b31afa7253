package io.mongoose;

/**
 * The handler of a Server-Sent Events URI ({@code text/event-stream}, read by a browser's
 * {@code EventSource}). A {@code GET} to its URI opens a stream: the server answers
 * {@code 200} with {@code Content-Type: text/event-stream} and
 * {@code Cache-Control: no-store}, a body that never ends (chunked, or close-delimited
 * for HTTP/1.0), first the events the client missed (below), then {@link #onOpen}. From
 * then on events go out with {@link Connection#sendEvent} (any thread) or
 * {@link Server#eventBroadcast}, and a comment every {@code sse_heartbeat_ms} keeps
 * proxies from closing the stream and tells the server when the client is gone. Other
 * methods get {@code 405}. <pre>{@code
 * server.addUriHandler("/events", new EventStreamHandler() {
 *     public void onOpen(Connection c) { c.sendEvent(ServerSentEvent.of("hello")); }
 * });
 * server.eventBroadcast("/events", null, ServerSentEvent.of("tick").withId("7"));
 * }</pre>
 * <p>
 * Replay: each handler keeps the last {@code sse_replay_size} events with an id that
 * {@link Server#eventBroadcast} sent without a filter to URIs it serves. A client that
 * reconnects with {@code Last-Event-ID} gets those after that id (the ones for its URI)
 * before {@link #onOpen}; an id the buffer does not hold (too old, from before a restart,
 * never sent) replays nothing, and the handler may answer it in {@link #onOpen}
 * ({@code getHeader("Last-Event-ID")}). Events written to one connection with
 * {@link Connection#sendEvent}, or broadcast with a filter, are not replayed.
 * <p>
 * The stream ends when the client leaves, when {@link Connection#close()} is called (the
 * body ends cleanly, then the connection closes), and on a graceful shutdown
 * ({@link Server#drain()}). A full send queue skips or closes the stream as
 * {@code websocket_slow_reader} says. Its callbacks run on the IO thread and must not
 * block.
 */
public interface EventStreamHandler extends Handler {

	/**
	 * Not called: the server opens the stream itself and calls {@link #onOpen}.
	 * @return {@link Result#NOT_HANDLED}
	 */
	@Override
	default Result handle(Connection connection) throws Exception {
		return Result.NOT_HANDLED;
	}

	/**
	 * The stream is open: its head and the replayed events are queued. Does nothing by
	 * default.
	 * @param connection the stream, for {@link Connection#sendEvent}
	 */
	default void onOpen(Connection connection) {
	}

	/**
	 * The stream ended (the client left, it was closed, or the server shuts down).
	 * @param connection the closed stream
	 */
	default void onClose(Connection connection) {
	}

}
