package io.mongoose.boot.relay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.mongoose.ServerSentEvent;

/**
 * A broadcast that crosses instances: its target (every WebSocket and event stream, or
 * those whose URI starts with a prefix), its kind and its payload. Predicate targets
 * cannot cross instances and have no representation here.
 *
 * @param uriPrefix the URI prefix of the target connections, or {@code null} for all
 * @param opcode {@link #TEXT} or {@link #BINARY} (the WebSocket opcodes; text also goes
 * to event streams as a {@code data:} event), or {@link #EVENT}
 * @param payload the frame payload (UTF-8 for text), or the fields of an {@link #EVENT}
 * (see {@link #event()}); not copied, must not be changed
 * @since 0.1.0
 */
public record RelayedBroadcast(@Nullable String uriPrefix, int opcode, byte[] payload) {

	/** Opcode of a text frame. */
	public static final int TEXT = 1;

	/** Opcode of a binary frame. */
	public static final int BINARY = 2;

	/** A Server-Sent Event for event streams only; see {@link #event()}. */
	public static final int EVENT = 3;

	/**
	 * Creates a broadcast, checking the opcode (and the payload of an event).
	 * @param uriPrefix the URI prefix, or {@code null} for all connections
	 * @param opcode {@link #TEXT}, {@link #BINARY} or {@link #EVENT}
	 * @param payload the payload
	 * @throws IllegalArgumentException for another opcode or an event that does not
	 * decode
	 */
	public RelayedBroadcast {
		Assert.isTrue(opcode == TEXT || opcode == BINARY || opcode == EVENT,
				() -> "'opcode' must be 1 (text), 2 (binary) or 3 (event): " + opcode);
		Assert.notNull(payload, "'payload' must not be null");
		if (opcode == EVENT) {
			decodeEvent(payload);
		}
	}

	/**
	 * Creates the broadcast of a Server-Sent Event.
	 * @param uriPrefix the URI prefix of the target event streams, or {@code null} for
	 * all
	 * @param event the event
	 * @return the broadcast
	 */
	public static RelayedBroadcast ofEvent(@Nullable String uriPrefix, ServerSentEvent event) {
		Assert.notNull(event, "'event' must not be null");
		byte[][] fields = { utf8(event.id()), utf8(event.event()), utf8(event.data()) };
		int size = 8;
		for (byte[] field : fields) {
			size += 4 + ((field != null) ? field.length : 0);
		}
		ByteBuffer buffer = ByteBuffer.allocate(size);
		for (byte[] field : fields) {
			if (field != null) {
				buffer.putInt(field.length).put(field);
			}
			else {
				buffer.putInt(-1);
			}
		}
		buffer.putLong((event.retry() != null) ? event.retry().toMillis() : -1);
		return new RelayedBroadcast(uriPrefix, EVENT, buffer.array());
	}

	/**
	 * Return the event of an {@link #EVENT} broadcast. Its payload is the event's id,
	 * type and data, each an {@code i32} length (-1 when absent) and UTF-8, then the
	 * retry in milliseconds as an {@code i64} (-1 when absent), big-endian.
	 * @return the event
	 * @throws IllegalStateException if this is a WebSocket frame
	 */
	public ServerSentEvent event() {
		Assert.state(this.opcode == EVENT, "Not an event broadcast: opcode " + this.opcode);
		return decodeEvent(this.payload);
	}

	private static ServerSentEvent decodeEvent(byte[] payload) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			String id = string(buffer);
			String event = string(buffer);
			String data = string(buffer);
			long retry = buffer.getLong();
			Assert.isTrue(!buffer.hasRemaining(), "Trailing bytes after the event");
			return new ServerSentEvent(id, event, data, (retry >= 0) ? Duration.ofMillis(retry) : null);
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("Truncated event", ex);
		}
	}

	private static @Nullable String string(ByteBuffer buffer) {
		int length = buffer.getInt();
		if (length == -1) {
			return null;
		}
		Assert.isTrue(length >= 0 && length <= buffer.remaining(), () -> "Invalid length " + length + " in event");
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte @Nullable [] utf8(@Nullable String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof RelayedBroadcast that) && this.opcode == that.opcode
				&& java.util.Objects.equals(this.uriPrefix, that.uriPrefix)
				&& Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * java.util.Objects.hash(this.uriPrefix, this.opcode) + Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "RelayedBroadcast[uriPrefix=" + this.uriPrefix + ", opcode=" + this.opcode + ", payload="
				+ this.payload.length + " bytes]";
	}

}
