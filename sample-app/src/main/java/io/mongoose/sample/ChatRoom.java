package io.mongoose.sample;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import io.mongoose.boot.ConnectionBroadcaster;

/**
 * The chat's state: recent messages and the number of connected users. Posting a message
 * stores it and broadcasts it to every {@code /ws/chat} client. The last messages are
 * also kept in memory (loaded from the store at start) so that a new client gets them
 * without a query on the IO thread. Thread-safe.
 */
@Component
public class ChatRoom {

	static final String CHAT = "/ws/chat";

	static final int MAX_TEXT = 500;

	static final int MAX_USER = 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final ConnectionBroadcaster broadcaster;

	private final MessageStore store;

	private final int historySize;

	private final ReentrantLock posting = new ReentrantLock();

	private final Deque<ChatMessage> history = new ArrayDeque<>();

	private final AtomicInteger users = new AtomicInteger();

	ChatRoom(ConnectionBroadcaster broadcaster, MessageStore store, SampleProperties properties) {
		this.broadcaster = broadcaster;
		this.store = store;
		this.historySize = properties.historySize();
		this.history.addAll(store.recent(this.historySize));
	}

	/**
	 * Stores and broadcasts a message; the caller validated it. Blocks on the database,
	 * so it runs on a worker or the {@code sample-db} thread, never on the IO thread. One
	 * post at a time: the order of the stored messages is the order of the broadcasts (a
	 * lock, not {@code synchronized}, which would pin a virtual thread while it waits for
	 * the database).
	 */
	ChatMessage post(String user, String text) {
		this.posting.lock();
		try {
			ChatMessage message = ChatMessage.of(user, text, now());
			this.store.add(message);
			synchronized (this.history) {
				this.history.addLast(message);
				while (this.history.size() > this.historySize) {
					this.history.removeFirst();
				}
			}
			this.broadcaster.under(CHAT).sendJson(message);
			return message;
		}
		finally {
			this.posting.unlock();
		}
	}

	/** The last messages, from memory. */
	public List<ChatMessage> recent() {
		synchronized (this.history) {
			return List.copyOf(this.history);
		}
	}

	void joined() {
		this.broadcaster.under(CHAT).sendJson(new Users("users", this.users.incrementAndGet()));
	}

	void left() {
		this.broadcaster.under(CHAT).sendJson(new Users("users", this.users.decrementAndGet()));
	}

	int historySize() {
		return this.historySize;
	}

	public int users() {
		return this.users.get();
	}

	static String now() {
		return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME);
	}

	/** Why a message cannot be posted, or {@code null} if it can. */
	static String validate(String user, String text) {
		if (text == null || text.isBlank()) {
			return "'text' must not be blank";
		}
		if (text.length() > MAX_TEXT) {
			return "'text' must be at most " + MAX_TEXT + " characters";
		}
		if (user != null && user.length() > MAX_USER) {
			return "'user' must be at most " + MAX_USER + " characters";
		}
		return null;
	}

	record Users(String type, int count) {
	}

}
