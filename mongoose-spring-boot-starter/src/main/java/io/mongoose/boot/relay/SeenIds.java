package io.mongoose.boot.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last message ids a reader saw, to drop an entry appended twice; bounded, the oldest
 * forgotten first. Used by one thread.
 */
final class SeenIds {

	private final Map<String, Boolean> ids;

	SeenIds(int capacity) {
		this.ids = new LinkedHashMap<>(capacity * 2) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/** Remembers {@code id}; returns {@code false} if it was seen before. */
	boolean add(String id) {
		return this.ids.put(id, Boolean.TRUE) == null;
	}

}
