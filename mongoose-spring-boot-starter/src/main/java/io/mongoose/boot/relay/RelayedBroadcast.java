package io.mongoose.boot.relay;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A broadcast that crosses instances: its target (every WebSocket, or those whose URI
 * starts with a prefix), its frame type and its payload. Predicate targets cannot cross
 * instances and have no representation here.
 *
 * @param uriPrefix the URI prefix of the target WebSockets, or {@code null} for all
 * @param opcode the WebSocket opcode, {@link #TEXT} or {@link #BINARY}
 * @param payload the frame payload (UTF-8 for text); not copied, must not be changed
 * @since 0.1.0
 */
public record RelayedBroadcast(@Nullable String uriPrefix, int opcode, byte[] payload) {

	/** Opcode of a text frame. */
	public static final int TEXT = 1;

	/** Opcode of a binary frame. */
	public static final int BINARY = 2;

	/**
	 * Creates a broadcast, checking the opcode.
	 * @param uriPrefix the URI prefix, or {@code null} for all WebSockets
	 * @param opcode {@link #TEXT} or {@link #BINARY}
	 * @param payload the payload
	 */
	public RelayedBroadcast {
		Assert.isTrue(opcode == TEXT || opcode == BINARY, () -> "'opcode' must be 1 (text) or 2 (binary): " + opcode);
		Assert.notNull(payload, "'payload' must not be null");
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
