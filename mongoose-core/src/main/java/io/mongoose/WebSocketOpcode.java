package io.mongoose;

/**
 * The RFC 6455 opcodes, by name. A WebSocket handler sees whole messages only, so
 * {@link #of(int)} of its {@link Connection#wsBits()} is {@link #TEXT} or
 * {@link #BINARY}; the others are for {@link Connection#websocketWrite(int, byte[])}.
 */
public enum WebSocketOpcode {

	CONTINUATION(0x0), TEXT(0x1), BINARY(0x2), CLOSE(0x8), PING(0x9), PONG(0xA);

	private final int code;

	WebSocketOpcode(int code) {
		this.code = code;
	}

	/**
	 * The opcode's value on the wire, as {@link Connection#websocketWrite(int, byte[])}
	 * takes it.
	 */
	public int code() {
		return this.code;
	}

	/**
	 * The opcode in the low four bits of a frame's first byte.
	 * @param wsBits the first byte, as {@link Connection#wsBits()} returns it
	 * @return its opcode
	 * @throws IllegalArgumentException for the opcodes RFC 6455 reserves
	 */
	public static WebSocketOpcode of(int wsBits) {
		int opcode = wsBits & 0x0F;
		for (WebSocketOpcode candidate : values()) {
			if (candidate.code == opcode) {
				return candidate;
			}
		}
		throw new IllegalArgumentException("reserved WebSocket opcode 0x" + Integer.toHexString(opcode));
	}

}
