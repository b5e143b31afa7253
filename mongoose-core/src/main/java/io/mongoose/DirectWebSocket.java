package io.mongoose;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A WebSocket to a {@link Server}'s handlers without a socket, for tests, opened by
 * {@link DirectClient#webSocket}: the handshake is the server's own, and both ends run
 * the core's frame code, the client's end as the outbound {@link Client}'s WebSocket does
 * (its frames masked, the server's checked: unmasked, fragments reassembled, text valid
 * UTF-8, pings answered, the closing handshake completed).
 *
 * <pre>{@code
 * try (DirectWebSocket socket = DirectClient.of(server).webSocket("/ws/echo")) {
 *     socket.sendText("hello");
 *     assertThat(socket.nextText()).isEqualTo("hello");
 * }
 * }</pre> Messages (and the answers to {@link #ping}) are queued as they arrive and taken
 * in order by {@link #nextMessage}; once the connection is over, {@link #awaitClose}
 * tells the close code and reason the server sent. Threading, as for the
 * {@link DirectClient} that opened it: on a server no other thread polls, the methods
 * that wait ({@code next...}, {@link #awaitClose}, {@link #close(int, String)}) poll it
 * on the calling thread until what they wait for arrives, and a frame sent goes out at
 * the next poll (the next wait, or another request of the client); on a server another
 * thread polls, sends are handed to that thread and the waits block. A wait longer than
 * the client's timeout is an {@link IllegalStateException} saying what it waited for.
 * Both ends are connections of the server's loop, so an open socket counts twice in
 * {@link Server#connectionCount()}.
 */
public final class DirectWebSocket implements AutoCloseable {

	/** Marks the end of the messages in {@link #inbox}: the connection is over. */
	private static final Object END = new Object();

	private final Server server;

	private final Duration timeout;

	private final String target;

	private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

	private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

	private final ClientWebSocket.Listener listener = new Inbox();

	/** The client's end; set on the IO thread before {@link #opened} returns it. */
	private volatile ClientWebSocket socket;

	private DirectClient.Response handshake;

	DirectWebSocket(Server server, Duration timeout, String target) {
		this.server = server;
		this.timeout = timeout;
		this.target = target;
	}

	ClientWebSocket.Listener listener() {
		return this.listener;
	}

	DirectWebSocket opened(DirectClient.Response handshake) {
		this.handshake = handshake;
		return this;
	}

	/**
	 * The server's {@code 101}, for its headers ({@code Sec-WebSocket-Protocol},
	 * cookies).
	 * @return the handshake's reply
	 */
	public DirectClient.Response handshake() {
		return this.handshake;
	}

	/**
	 * Sends a whole text message.
	 * @throws IllegalStateException if it cannot be sent: the socket is closing or
	 * closed, or its send queue is full
	 */
	public void sendText(String text) {
		sent(this.socket.sendText(text), "text");
	}

	/**
	 * Sends one fragment of a text message: the first starts it, {@code last} ends it; a
	 * fragment ends on a character boundary.
	 * @throws IllegalStateException if it cannot be sent
	 */
	public void sendText(String text, boolean last) {
		sent(this.socket.sendText(text, last), "a text fragment");
	}

	/**
	 * Sends a whole binary message.
	 * @throws IllegalStateException if it cannot be sent
	 */
	public void sendBinary(byte[] data) {
		sent(this.socket.sendBinary(data), "binary");
	}

	/**
	 * Sends one fragment of a binary message.
	 * @throws IllegalStateException if it cannot be sent
	 */
	public void sendBinary(byte[] data, boolean last) {
		sent(this.socket.sendBinary(data, last), "a binary fragment");
	}

	/**
	 * Sends a ping of at most 125 bytes; the server's pong arrives as a {@link Message}
	 * with {@link WebSocketOpcode#PONG}, in order with the other messages.
	 * @throws IllegalStateException if it cannot be sent
	 */
	public void ping(byte[] payload) {
		sent(this.socket.ping(payload), "a ping");
	}

	private void sent(boolean queued, String what) {
		if (!queued) {
			throw new IllegalStateException("cannot send " + what + " on the WebSocket to " + this.target + ": "
					+ (this.socket.isOpen() ? "its send queue is full" : "it is closing or closed"));
		}
	}

	/** Open, and not closing: messages may be sent. */
	public boolean isOpen() {
		return this.socket.isOpen();
	}

	/** The next message, waiting up to the client's timeout. */
	public Message nextMessage() {
		return nextMessage(this.timeout);
	}

	/**
	 * The next message (text, binary, or the answer to a ping), waiting up to
	 * {@code timeout}.
	 * @throws IllegalStateException if none arrives in time, or the connection ended
	 * without another
	 */
	public Message nextMessage(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		pollUntil(() -> !this.inbox.isEmpty(), deadline);
		Object item;
		try {
			item = this.inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a message", ex);
		}
		if (item == null) {
			throw new IllegalStateException("no message on the WebSocket to " + this.target + " within " + timeout);
		}
		if (item == END) {
			this.inbox.add(END); // for the next caller too
			throw new IllegalStateException(
					"no more messages: the WebSocket to " + this.target + " closed, " + this.closed.join());
		}
		return (Message) item;
	}

	/**
	 * The next message as text, waiting up to the client's timeout.
	 * @throws IllegalStateException if it is not a text message, or none arrives
	 */
	public String nextText() {
		Message message = nextMessage();
		if (message.opcode() != WebSocketOpcode.TEXT) {
			throw new IllegalStateException("the next message is " + message + ", not text");
		}
		return message.text();
	}

	/**
	 * Waits up to the client's timeout for the connection to end (the server closed it,
	 * or the closing handshake completed) and tells how it ended; messages not taken stay
	 * queued.
	 * @return the code and reason of the server's close frame; 1006 when it ended without
	 * one, or the code this end failed it with (1002 a protocol error, 1007 invalid
	 * UTF-8, 1009 a message too big)
	 * @throws IllegalStateException if it is still open after the timeout
	 */
	public CloseStatus awaitClose() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		pollUntil(this.closed::isDone, deadline);
		try {
			return this.closed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the WebSocket to " + this.target + " was still open after " + this.timeout,
					ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the close", ex);
		}
	}

	/**
	 * Starts the closing handshake with {@code code} and {@code reason} (unless it has
	 * started) and waits for it to complete.
	 * @return how it ended: normally the code the server echoed
	 */
	public CloseStatus close(int code, String reason) {
		this.socket.close(code, reason);
		return awaitClose();
	}

	/** Closes with 1000 unless the connection is over already. */
	@Override
	public void close() {
		if (!this.closed.isDone()) {
			close(1000, "");
		}
	}

	/** Polls the server on this thread until {@code done} or the deadline, if it may. */
	private void pollUntil(BooleanSupplier done, long deadline) {
		if (!this.server.mayPoll()) {
			return;
		}
		while (!done.getAsBoolean() && System.nanoTime() < deadline && !this.server.isDestroyed()) {
			this.server.poll(
					(int) Math.min(DirectClient.POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
		}
	}

	@Override
	public String toString() {
		return "DirectWebSocket " + this.target;
	}

	/**
	 * One message as received.
	 *
	 * @param opcode {@link WebSocketOpcode#TEXT}, {@link WebSocketOpcode#BINARY} or
	 * {@link WebSocketOpcode#PONG}
	 * @param data its payload, reassembled from its fragments
	 */
	public record Message(WebSocketOpcode opcode, byte[] data) {

		/** The payload in UTF-8. */
		public String text() {
			return new String(this.data, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.opcode + " (" + this.data.length + " bytes)";
		}

	}

	/**
	 * How a WebSocket ended.
	 *
	 * @param code the close code (1006: no close frame)
	 * @param reason the reason, possibly empty
	 */
	public record CloseStatus(int code, String reason) {

		@Override
		public String toString() {
			return "close " + this.code + (this.reason.isEmpty() ? "" : " \"" + this.reason + "\"");
		}

	}

	/**
	 * The server refused the handshake: it answered something else than {@code 101}.
	 */
	public static final class RefusedException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		/** The reply, kept for the test that caught it (not serialized). */
		private final transient DirectClient.Response response;

		RefusedException(String target, DirectClient.Response response) {
			super("WebSocket handshake to " + target + " refused: " + response.status() + " "
					+ Reply.reasonPhrase(response.status())
					+ (response.body().length > 0 ? ": " + response.text() : ""));
			this.response = response;
		}

		/** The server's reply to the handshake, with its status, headers and body. */
		public DirectClient.Response response() {
			return this.response;
		}

	}

	/** What the client's end reports, on the IO thread. */
	private final class Inbox implements ClientWebSocket.Listener {

		@Override
		public void onOpen(ClientWebSocket socket) {
			DirectWebSocket.this.socket = socket;
		}

		@Override
		public void onText(ClientWebSocket socket, String text) {
			DirectWebSocket.this.inbox.add(new Message(WebSocketOpcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
		}

		@Override
		public void onBinary(ClientWebSocket socket, byte[] data) {
			DirectWebSocket.this.inbox.add(new Message(WebSocketOpcode.BINARY, data));
		}

		@Override
		public void onPong(ClientWebSocket socket, byte[] payload) {
			DirectWebSocket.this.inbox.add(new Message(WebSocketOpcode.PONG, payload));
		}

		@Override
		public void onClose(ClientWebSocket socket, int code, String reason) {
			DirectWebSocket.this.closed.complete(new CloseStatus(code, reason));
			DirectWebSocket.this.inbox.add(END);
		}

	}

}
