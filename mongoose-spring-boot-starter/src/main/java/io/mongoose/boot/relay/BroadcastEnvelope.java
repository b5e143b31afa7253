package io.mongoose.boot.relay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The wire form of a {@link RelayedBroadcast} and the instance that sent it, in a small
 * fixed binary layout (big-endian, no Java serialization): <pre>
 * byte    magic 'M'
 * byte    version 1
 * byte    opcode (1 text, 2 binary, 3 event)
 * u16     origin length, then origin (UTF-8)
 * i32     prefix length (-1 for no prefix), then prefix (UTF-8)
 * i32     payload length, then payload
 * </pre>
 *
 * @param origin the instance id of the publisher
 * @param broadcast the broadcast
 * @since 0.1.0
 */
public record BroadcastEnvelope(String origin, RelayedBroadcast broadcast) {

	private static final byte MAGIC = 'M';

	private static final byte VERSION = 1;

	/**
	 * Creates an envelope.
	 * @param origin the instance id of the publisher
	 * @param broadcast the broadcast
	 */
	public BroadcastEnvelope {
		Assert.hasText(origin, "'origin' must not be empty");
		Assert.notNull(broadcast, "'broadcast' must not be null");
	}

	/**
	 * Encodes this envelope.
	 * @return the bytes to publish
	 */
	public byte[] encode() {
		byte[] originBytes = this.origin.getBytes(StandardCharsets.UTF_8);
		Assert.isTrue(originBytes.length <= 0xFFFF, "'origin' must be at most 65535 bytes in UTF-8");
		String prefix = this.broadcast.uriPrefix();
		byte[] prefixBytes = (prefix != null) ? prefix.getBytes(StandardCharsets.UTF_8) : null;
		byte[] payload = this.broadcast.payload();
		int size = 3 + 2 + originBytes.length + 4 + ((prefixBytes != null) ? prefixBytes.length : 0) + 4
				+ payload.length;
		ByteBuffer buffer = ByteBuffer.allocate(size);
		buffer.put(MAGIC).put(VERSION).put((byte) this.broadcast.opcode());
		buffer.putShort((short) originBytes.length).put(originBytes);
		if (prefixBytes != null) {
			buffer.putInt(prefixBytes.length).put(prefixBytes);
		}
		else {
			buffer.putInt(-1);
		}
		buffer.putInt(payload.length).put(payload);
		return buffer.array();
	}

	/**
	 * Decodes an envelope written by {@link #encode()}.
	 * @param bytes the received bytes
	 * @return the envelope
	 * @throws IllegalArgumentException if the bytes are not a valid envelope
	 */
	public static BroadcastEnvelope decode(byte[] bytes) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			if (buffer.get() != MAGIC) {
				throw new IllegalArgumentException("Not a Mongoose broadcast envelope");
			}
			byte version = buffer.get();
			if (version != VERSION) {
				throw new IllegalArgumentException("Unsupported broadcast envelope version " + version);
			}
			int opcode = buffer.get();
			String origin = new String(bytes(buffer, buffer.getShort() & 0xFFFF), StandardCharsets.UTF_8);
			int prefixLength = buffer.getInt();
			@Nullable String prefix = (prefixLength >= 0) ? new String(bytes(buffer, prefixLength), StandardCharsets.UTF_8)
					: null;
			byte[] payload = bytes(buffer, buffer.getInt());
			if (buffer.hasRemaining()) {
				throw new IllegalArgumentException("Trailing bytes after the broadcast envelope");
			}
			return new BroadcastEnvelope(origin, new RelayedBroadcast(prefix, opcode, payload));
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("Truncated broadcast envelope", ex);
		}
	}

	private static byte[] bytes(ByteBuffer buffer, int length) {
		if (length < 0 || length > buffer.remaining()) {
			throw new IllegalArgumentException("Invalid length " + length + " in broadcast envelope");
		}
		byte[] result = new byte[length];
		buffer.get(result);
		return result;
	}

}
