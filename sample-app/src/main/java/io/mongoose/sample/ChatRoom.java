package io.mongoose.sample;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.relay.RelayedBroadcast;

/**
 * The chat's state: recent messages and the number of connected users. Posting a message
 * stores it and broadcasts it to every {@code /ws/chat} client. The last messages are
 * also kept in memory (loaded from the store at start) so that a new client gets them
 * without a query on the IO thread. Thread-safe.
 * <p>
 * In a cluster (a broadcast relay), the chat is one: messages posted on other instances
 * join the in-memory history as they are relayed (each instance's database keeps the
 * messages posted on it), and every instance announces its users under
 * {@value #PRESENCE}, a prefix no WebSocket uses, on every change and every
 * {@value #ANNOUNCE_MILLIS} ms; the count pushed to clients is the sum of the counts
 * heard in the last {@value #PRESENCE_TTL_MILLIS} ms, so a crashed instance drops out.
 */
@Component
public class ChatRoom {

	static final String CHAT = "/ws/chat";

	static final String PRESENCE = "/ws/presence";

	static final long ANNOUNCE_MILLIS = 5000;

	static final long PRESENCE_TTL_MILLIS = 3 * ANNOUNCE_MILLIS;

	static final int MAX_TEXT = 500;

	static final int MAX_USER = 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final ConnectionBroadcaster broadcaster;

	private final MessageStore store;

	private final int historySize;

	private final ReentrantLock posting = new ReentrantLock();

	private final Deque<ChatMessage> history = new ArrayDeque<>();

	private final AtomicInteger users = new AtomicInteger();

	private final String instance = UUID.randomUUID().toString();

	private final Map<String, Heard> elsewhere = new ConcurrentHashMap<>();

	private final JsonMapper json;

	ChatRoom(ConnectionBroadcaster broadcaster, MessageStore store, SampleProperties properties, JsonMapper json) {
		this.broadcaster = broadcaster;
		this.store = store;
		this.json = json;
		this.historySize = properties.historySize();
		this.history.addAll(store.recent(this.historySize));
		broadcaster.onRelayed(this::relayed);
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
			ChatMessage message = this.store.add(user, text, now());
			remember(message);
			this.broadcaster.under(CHAT).sendJson(message);
			return message;
		}
		finally {
			this.posting.unlock();
		}
	}

	private void remember(ChatMessage message) {
		synchronized (this.history) {
			this.history.addLast(message);
			while (this.history.size() > this.historySize) {
				this.history.removeFirst();
			}
		}
	}

	/** A broadcast from another instance: its chat messages and its users count. */
	private void relayed(RelayedBroadcast broadcast) {
		if (broadcast.opcode() != RelayedBroadcast.TEXT) {
			return;
		}
		try {
			if (CHAT.equals(broadcast.uriPrefix())) {
				ChatMessage message = this.json.readValue(broadcast.payload(), ChatMessage.class);
				if ("chat".equals(message.type())) {
					remember(message);
				}
			}
			else if (PRESENCE.equals(broadcast.uriPrefix())) {
				Presence presence = this.json.readValue(broadcast.payload(), Presence.class);
				this.elsewhere.put(presence.instance(), new Heard(presence.users(), System.nanoTime()));
				pushUsers();
			}
		}
		catch (JacksonException ex) {
			// not one of ours
		}
	}

	/**
	 * Deletes a message from the store and the history; blocks on the database like
	 * {@link #post}.
	 * @return whether there was such a message
	 */
	boolean delete(long id) {
		boolean deleted = this.store.delete(id);
		synchronized (this.history) {
			this.history.removeIf((message) -> message.id() == id);
		}
		return deleted;
	}

	/** The last messages, from memory. */
	public List<ChatMessage> recent() {
		synchronized (this.history) {
			return List.copyOf(this.history);
		}
	}

	void joined() {
		this.users.incrementAndGet();
		announce();
	}

	void left() {
		this.users.decrementAndGet();
		announce();
	}

	/**
	 * Tells the other instances how many users are here, and this instance's clients the
	 * total.
	 */
	@Scheduled(fixedRate = ANNOUNCE_MILLIS)
	void announce() {
		this.broadcaster.under(PRESENCE).sendJson(new Presence(this.instance, this.users.get()));
		pushUsers();
	}

	private void pushUsers() {
		int count = users();
		this.broadcaster.local().under(CHAT).sendJson(new Users("users", count));
		this.broadcaster.local().under(LiveEvents.EVENTS).sendEvent(LiveEvents.users(count));
	}

	int historySize() {
		return this.historySize;
	}

	/** The users of every instance heard from lately. */
	public int users() {
		long now = System.nanoTime();
		this.elsewhere.values()
			.removeIf((heard) -> now - heard.at() > TimeUnit.MILLISECONDS.toNanos(PRESENCE_TTL_MILLIS));
		return this.users.get() + this.elsewhere.values().stream().mapToInt(Heard::users).sum();
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

	/** What an instance announces under {@link #PRESENCE}. */
	record Presence(String instance, int users) {
	}

	/** An instance's users as last heard, and when ({@link System#nanoTime()}). */
	private record Heard(int users, long at) {
	}

}
