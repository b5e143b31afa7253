package io.mongoose.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The last events with an id broadcast to one {@code EventStreamHandler}'s URIs, for
 * clients that reconnect with {@code Last-Event-ID}; bounded by {@code sse_replay_size}.
 * IO thread only.
 */
final class ReplayBuffer {

	/** One encoded event and the URI prefix it was broadcast to ({@code null}: all). */
	private record Entry(String prefix, String id, byte[] bytes) {
	}

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	void add(String prefix, String id, byte[] bytes, int capacity) {
		this.entries.addLast(new Entry(prefix, id, bytes));
		while (this.entries.size() > capacity) {
			this.entries.removeFirst();
		}
	}

	/**
	 * The events after the last one with {@code lastId} that were sent to {@code uri}, in
	 * order; {@code null} if no event held has that id.
	 */
	byte[] after(String lastId, String uri) {
		int skip = -1;
		int index = this.entries.size();
		for (Iterator<Entry> newestFirst = this.entries.descendingIterator(); newestFirst.hasNext();) {
			index--;
			if (newestFirst.next().id().equals(lastId)) {
				skip = index + 1;
				break;
			}
		}
		if (skip < 0) {
			return null;
		}
		ByteArrayOutputStream replay = new ByteArrayOutputStream();
		for (Entry entry : this.entries) {
			if (skip-- <= 0 && (entry.prefix() == null || uri.startsWith(entry.prefix()))) {
				replay.writeBytes(entry.bytes());
			}
		}
		return replay.toByteArray();
	}

	int size() {
		return this.entries.size();
	}

}
