package io.mongoose.ws;

/**
 * RFC 6455 §5.2 opcodes and first-byte flags. Public because handlers receive the raw
 * first header byte ({@code wsBits}) and need names for what is in it.
 */
final class WebSocketOpcodes {

	public static final int CONTINUATION = 0x0;

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	/** FIN bit of the first header byte: this frame ends its message. */
	public static final int FLAG_FIN = 0x80;

	/** RSV1..RSV3 bits; zero unless permessage-deflate sets RSV1. */
	public static final int MASK_RSV = 0x70;

	/**
	 * RSV1: the message is compressed (RFC 7692 §6), on its first frame only, when
	 * permessage-deflate was negotiated.
	 */
	public static final int FLAG_RSV1 = 0x40;

	/** Opcode bits of the first header byte. */
	public static final int MASK_OPCODE = 0x0F;

	private WebSocketOpcodes() {
	}

	/**
	 * Control frames (close, ping, pong and the reserved 0xB-0xF) have the high opcode
	 * bit set.
	 */
	public static boolean isControl(int opcode) {
		return (opcode & 0x08) != 0;
	}

	/** Whether the opcode is defined by RFC 6455; 3-7 and 0xB-0xF are reserved. */
	public static boolean isDefined(int opcode) {
		return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
	}

}
