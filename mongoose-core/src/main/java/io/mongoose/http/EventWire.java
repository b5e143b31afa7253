package io.mongoose.http;

import java.nio.charset.StandardCharsets;

import io.mongoose.ServerSentEvent;

/**
 * The {@code text/event-stream} form of an event (the HTML standard's Server-Sent
 * Events): its fields as lines, one {@code data:} line per line of its data, a blank
 * line. The framing of the body around it (chunks) stays {@link ReplyWriter}'s.
 */
final class EventWire {

	/** A comment: keeps proxies from closing an idle stream and shows a gone client. */
	static final byte[] HEARTBEAT = ": \n\n".getBytes(StandardCharsets.US_ASCII);

	private EventWire() {
	}

	static byte[] encode(ServerSentEvent event) {
		StringBuilder text = new StringBuilder(32 + ((event.data() != null) ? event.data().length() : 0));
		field(text, "id", event.id());
		field(text, "event", event.event());
		if (event.retry() != null) {
			field(text, "retry", Long.toString(event.retry().toMillis()));
		}
		String data = event.data();
		if (data != null) {
			int start = 0;
			for (int i = 0; i < data.length(); i++) {
				char ch = data.charAt(i);
				if (ch == '\r' || ch == '\n') {
					field(text, "data", data.substring(start, i));
					if (ch == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
						i++;
					}
					start = i + 1;
				}
			}
			field(text, "data", data.substring(start));
		}
		return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** One field; the space after the colon is the one a client strips. */
	private static void field(StringBuilder text, String name, String value) {
		if (value != null) {
			text.append(name).append(": ").append(value).append('\n');
		}
	}

}
