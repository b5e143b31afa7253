package io.mongoose;

import java.time.Duration;

/**
 * One event of a {@code text/event-stream} (Server-Sent Events, the HTML standard's
 * {@code EventSource}): sent with {@link Connection#sendEvent} or
 * {@link Server#eventBroadcast}. <pre>{@code
 * conn.sendEvent(ServerSentEvent.of("12:00:00").withEvent("clock").withId("42"));
 * }</pre> On the wire it is an {@code id:}, an {@code event:} and a {@code retry:} line
 * when set, one {@code data:} line per line of {@link #data} (split at CR LF, CR or LF),
 * then a blank line.
 *
 * @param id the event id a reconnecting client sends back as {@code Last-Event-ID}, or
 * {@code null}; no CR, LF or NUL
 * @param event the event type ({@code addEventListener(type, ...)}), or {@code null} for
 * {@code message}; no CR or LF
 * @param data the payload, or {@code null} for none (a block with only an id or a retry
 * dispatches no event)
 * @param retry the reconnection time the client should use, or {@code null}
 */
public record ServerSentEvent(String id, String event, String data, Duration retry) {

	/**
	 * Checks the fields.
	 * @throws IllegalArgumentException if a field would break the event's framing, the
	 * retry is negative, or nothing is set
	 */
	public ServerSentEvent {
		check("id", id, true);
		check("event", event, false);
		if (retry != null && retry.isNegative()) {
			throw new IllegalArgumentException("retry must not be negative: " + retry);
		}
		if (id == null && event == null && data == null && retry == null) {
			throw new IllegalArgumentException("an event needs data, an id, a type or a retry");
		}
	}

	/** An unnamed event ({@code message}) carrying {@code data}. */
	public static ServerSentEvent of(String data) {
		if (data == null) {
			throw new IllegalArgumentException("data must not be null");
		}
		return new ServerSentEvent(null, null, data, null);
	}

	/** This event with {@code id}, which a reconnecting client sends back. */
	public ServerSentEvent withId(String id) {
		return new ServerSentEvent(id, this.event, this.data, this.retry);
	}

	/** This event with the type {@code event}. */
	public ServerSentEvent withEvent(String event) {
		return new ServerSentEvent(this.id, event, this.data, this.retry);
	}

	/** This event telling the client to wait {@code retry} before it reconnects. */
	public ServerSentEvent withRetry(Duration retry) {
		return new ServerSentEvent(this.id, this.event, this.data, retry);
	}

	private static void check(String field, String value, boolean noNul) {
		if (value == null) {
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch == '\r' || ch == '\n' || (noNul && ch == 0)) {
				throw new IllegalArgumentException(
						"the " + field + " of an event must not hold CR, LF" + (noNul ? " or NUL" : "") + ": " + value);
			}
		}
	}

}
