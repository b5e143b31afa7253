package io.mongoose.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.mongoose.BroadcastResult;
import io.mongoose.Connection;
import io.mongoose.Server;
import io.mongoose.ServerSentEvent;
import io.mongoose.boot.relay.BroadcastRelay;
import io.mongoose.boot.relay.RelayedBroadcast;

/**
 * Pushes messages to open WebSocket connections and event streams (Server-Sent Events)
 * from any thread, without blocking: each message is encoded once and queued on the IO
 * threads. Send to all of them, to those under a URI prefix, or to those matching a
 * predicate: <pre>{@code
 * broadcaster.sendText("tick");
 * broadcaster.under("/chat").sendJson(message);
 * broadcaster.matching(c -> "admin".equals(c.connectionParam())).sendBinary(bytes);
 * broadcaster.under("/events").sendEvent(ServerSentEvent.of("12:00").withEvent("clock"));
 * }</pre> Text ({@code sendText}, {@code sendJson}) reaches WebSockets as a text frame
 * and event streams as an unnamed {@code data:} event; binary reaches WebSockets only,
 * {@link #sendEvent} event streams only. The result completes once the message was queued
 * and says how many connections were reached and how many were skipped (or closed)
 * because their send queue was full.
 * <p>
 * With a {@link BroadcastRelay} (for example {@code mongoose.broadcast.relay=redis}), a
 * message to all connections or to a URI prefix also reaches the connections of the other
 * instances: it is delivered here first, then published; each other instance delivers it
 * once. The result then counts this instance's connections only. Recipients selected with
 * {@link #matching(Predicate)} stay on this instance: a predicate cannot cross instances;
 * so do those of {@link #local()}.
 *
 * @since 0.1.0
 */
public final class ConnectionBroadcaster {

	private static final Log logger = LogFactory.getLog(ConnectionBroadcaster.class);

	private static final int TEXT = RelayedBroadcast.TEXT;

	private static final int BINARY = RelayedBroadcast.BINARY;

	private final MongooseWebServer webServer;

	private final @Nullable Function<Object, String> jsonWriter;

	private final LongAdder reached = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final @Nullable BroadcastRelay relay;

	private final Recipients all = new Recipients(null, null, false);

	private final List<Consumer<RelayedBroadcast>> relayListeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates a broadcaster that delivers on this instance only.
	 * @param webServer the server whose WebSockets receive the messages
	 * @param jsonWriter writes objects as JSON for {@code sendJson}, or {@code null} if
	 * JSON is not available
	 */
	public ConnectionBroadcaster(MongooseWebServer webServer, @Nullable Function<Object, String> jsonWriter) {
		this(webServer, jsonWriter, null);
	}

	/**
	 * Creates a broadcaster that also relays messages to, and delivers messages from, the
	 * other instances of the application.
	 * @param webServer the server whose WebSockets receive the messages
	 * @param jsonWriter writes objects as JSON for {@code sendJson}, or {@code null} if
	 * JSON is not available
	 * @param relay the relay to the other instances, or {@code null} for none
	 * @since 0.1.0
	 */
	public ConnectionBroadcaster(MongooseWebServer webServer, @Nullable Function<Object, String> jsonWriter,
			@Nullable BroadcastRelay relay) {
		Assert.notNull(webServer, "'webServer' must not be null");
		this.webServer = webServer;
		this.jsonWriter = jsonWriter;
		this.relay = relay;
		if (relay != null) {
			relay.setReceiver(this::deliverRelayed);
		}
	}

	/**
	 * Return the connections (WebSockets and event streams) whose URI starts with
	 * {@code uriPrefix}.
	 * @param uriPrefix the prefix, for example {@code "/chat"}
	 * @return the recipients
	 */
	public Recipients under(String uriPrefix) {
		return this.all.under(uriPrefix);
	}

	/**
	 * Return the connections of this instance only: messages to them are never relayed to
	 * other instances, for pushes that every instance makes to its own clients (a clock).
	 * @return the recipients
	 */
	public Recipients local() {
		return this.all.local();
	}

	/**
	 * Return the connections that {@code filter} accepts; the filter runs on the IO
	 * threads. Messages to these recipients are never relayed to other instances.
	 * @param filter the filter
	 * @return the recipients
	 */
	public Recipients matching(Predicate<Connection> filter) {
		return this.all.matching(filter);
	}

	/**
	 * Sends a text frame to every WebSocket and a {@code data:} event to every event
	 * stream.
	 * @param text the text
	 * @return how many were reached and skipped
	 */
	public CompletableFuture<BroadcastResult> sendText(String text) {
		return this.all.sendText(text);
	}

	/**
	 * Sends a binary frame to every WebSocket.
	 * @param data the payload
	 * @return how many were reached and skipped
	 */
	public CompletableFuture<BroadcastResult> sendBinary(byte[] data) {
		return this.all.sendBinary(data);
	}

	/**
	 * Sends {@code value} as JSON in a text frame to every WebSocket and a {@code data:}
	 * event to every event stream.
	 * @param value the object to write with Boot's {@code JsonMapper}
	 * @return how many were reached and skipped
	 * @throws IllegalStateException if no JSON mapper is available
	 */
	public CompletableFuture<BroadcastResult> sendJson(Object value) {
		return this.all.sendJson(value);
	}

	/**
	 * Sends a Server-Sent Event to every event stream; one with an id is kept for clients
	 * that reconnect with {@code Last-Event-ID} (see the core's
	 * {@code Server.eventBroadcast}).
	 * @param event the event
	 * @return how many were reached and skipped
	 */
	public CompletableFuture<BroadcastResult> sendEvent(ServerSentEvent event) {
		return this.all.sendEvent(event);
	}

	/**
	 * Adds a listener for the broadcasts that other instances relay here, for state every
	 * instance keeps (a chat history, who is online). It is called before they are
	 * delivered, on the relay's receiving thread, in the order they arrive, and must not
	 * block; what this instance sends never reaches it.
	 * @param listener the listener
	 * @since 0.1.0
	 */
	public void onRelayed(Consumer<RelayedBroadcast> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.relayListeners.add(listener);
	}

	/**
	 * Return the total of connections reached by all sends so far.
	 * @return the reached count
	 */
	public long getReachedCount() {
		return this.reached.sum();
	}

	/**
	 * Return the total of connections skipped or closed for a full send queue so far.
	 * @return the dropped count
	 */
	public long getDroppedCount() {
		return this.dropped.sum();
	}

	private CompletableFuture<BroadcastResult> send(@Nullable Predicate<Connection> filter, boolean local,
			RelayedBroadcast broadcast) {
		CompletableFuture<BroadcastResult> result = deliver(filter, broadcast);
		if (this.relay != null && filter == null && !local) {
			this.relay.publish(broadcast);
		}
		return result;
	}

	private void deliverRelayed(RelayedBroadcast broadcast) {
		for (Consumer<RelayedBroadcast> listener : this.relayListeners) {
			try {
				listener.accept(broadcast);
			}
			catch (RuntimeException ex) {
				logger.warn("A relayed broadcast listener failed; the broadcast is delivered anyway", ex);
			}
		}
		deliver(null, broadcast);
	}

	/**
	 * Delivers on every server of this instance: frames to the WebSockets, events (text
	 * as a {@code data:} event) to the event streams.
	 */
	private CompletableFuture<BroadcastResult> deliver(@Nullable Predicate<Connection> filter,
			RelayedBroadcast broadcast) {
		String prefix = broadcast.uriPrefix();
		int opcode = broadcast.opcode();
		@Nullable ServerSentEvent event = switch (opcode) {
			case RelayedBroadcast.EVENT -> broadcast.event();
			case RelayedBroadcast.TEXT -> ServerSentEvent.of(new String(broadcast.payload(), StandardCharsets.UTF_8));
			default -> null;
		};
		List<CompletableFuture<BroadcastResult>> results = new ArrayList<>();
		for (Server server : this.webServer.getServers()) {
			if (opcode != RelayedBroadcast.EVENT) {
				results.add(server.websocketBroadcast(prefix, filter, opcode, broadcast.payload()));
			}
			if (event != null) {
				results.add(server.eventBroadcast(prefix, filter, event));
			}
		}
		return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply((ignored) -> {
			int reachedNow = 0;
			int skipped = 0;
			int closed = 0;
			for (CompletableFuture<BroadcastResult> result : results) {
				BroadcastResult part = result.join();
				reachedNow += part.reached();
				skipped += part.skipped();
				closed += part.closed();
			}
			this.reached.add(reachedNow);
			this.dropped.add(skipped + closed);
			return new BroadcastResult(reachedNow, skipped, closed);
		});
	}

	/**
	 * A selection of connections (WebSockets and event streams) to send to; immutable,
	 * safe to keep and share.
	 */
	public final class Recipients {

		private final @Nullable String prefix;

		private final @Nullable Predicate<Connection> filter;

		private final boolean local;

		private Recipients(@Nullable String prefix, @Nullable Predicate<Connection> filter, boolean local) {
			this.prefix = prefix;
			this.filter = filter;
			this.local = local;
		}

		/**
		 * Narrow to the connections of this instance: messages to the result are never
		 * relayed to other instances.
		 * @return the narrowed recipients
		 */
		public Recipients local() {
			return new Recipients(this.prefix, this.filter, true);
		}

		/**
		 * Narrow to the connections whose URI starts with {@code uriPrefix}.
		 * @param uriPrefix the prefix
		 * @return the narrowed recipients
		 */
		public Recipients under(String uriPrefix) {
			Assert.hasText(uriPrefix, "'uriPrefix' must not be empty");
			if (this.prefix == null || uriPrefix.startsWith(this.prefix)) {
				return new Recipients(uriPrefix, this.filter, this.local);
			}
			if (this.prefix.startsWith(uriPrefix)) {
				return this;
			}
			return new Recipients(uriPrefix, and(this.filter, prefixFilter(this.prefix)), this.local);
		}

		/**
		 * Narrow to the connections that {@code filter} also accepts; messages to the
		 * result are never relayed to other instances.
		 * @param filter the filter, run on the IO threads
		 * @return the narrowed recipients
		 */
		public Recipients matching(Predicate<Connection> filter) {
			Assert.notNull(filter, "'filter' must not be null");
			return new Recipients(this.prefix, and(this.filter, filter), this.local);
		}

		/**
		 * Sends a text frame.
		 * @param text the text
		 * @return how many were reached and skipped
		 */
		public CompletableFuture<BroadcastResult> sendText(String text) {
			Assert.notNull(text, "'text' must not be null");
			return send(this.filter, this.local,
					new RelayedBroadcast(this.prefix, TEXT, text.getBytes(StandardCharsets.UTF_8)));
		}

		/**
		 * Sends a binary frame.
		 * @param data the payload
		 * @return how many were reached and skipped
		 */
		public CompletableFuture<BroadcastResult> sendBinary(byte[] data) {
			Assert.notNull(data, "'data' must not be null");
			return send(this.filter, this.local, new RelayedBroadcast(this.prefix, BINARY, data.clone()));
		}

		/**
		 * Sends a Server-Sent Event to the event streams; WebSockets get nothing.
		 * @param event the event
		 * @return how many were reached and skipped
		 */
		public CompletableFuture<BroadcastResult> sendEvent(ServerSentEvent event) {
			Assert.notNull(event, "'event' must not be null");
			return send(this.filter, this.local, RelayedBroadcast.ofEvent(this.prefix, event));
		}

		/**
		 * Sends {@code value} as JSON in a text frame.
		 * @param value the object to write
		 * @return how many were reached and skipped
		 * @throws IllegalStateException if no JSON mapper is available
		 */
		public CompletableFuture<BroadcastResult> sendJson(Object value) {
			Function<Object, String> writer = ConnectionBroadcaster.this.jsonWriter;
			Assert.state(writer != null, "No JSON mapper available: add spring-boot-jackson to the classpath");
			return sendText(writer.apply(value));
		}

		private static Predicate<Connection> prefixFilter(String prefix) {
			return (connection) -> connection.uri().startsWith(prefix);
		}

		private static Predicate<Connection> and(@Nullable Predicate<Connection> first, Predicate<Connection> second) {
			return (first != null) ? first.and(second) : second;
		}

	}

}
