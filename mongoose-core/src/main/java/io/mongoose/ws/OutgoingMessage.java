package io.mongoose.ws;

/**
 * One message to send to one or many WebSockets, encoded lazily and at most once per
 * form: the plain frame, and the compressed frame shared by every recipient without a
 * server context (one per window kind). Recipients that keep a context deflate it
 * themselves. A broadcast uses one from the IO thread; a single write makes its own.
 */
final class OutgoingMessage {

	final int opcode;

	final byte[] data;

	private byte[] plain;

	private byte[] deflated;

	private byte[] huffman;

	/**
	 * @param opcode 1 text, 2 binary (other bits ignored); control opcodes are never
	 * compressed
	 * @param data the payload, not copied: not to be changed while the message is sent
	 */
	OutgoingMessage(int opcode, byte[] data) {
		this.opcode = opcode & WebSocketOpcodes.MASK_OPCODE;
		this.data = data;
	}

	/** Whether a connection that negotiated compression sends this message deflated. */
	boolean compressible(long threshold) {
		return this.data.length >= threshold
				&& (this.opcode == WebSocketOpcodes.TEXT || this.opcode == WebSocketOpcodes.BINARY);
	}

	byte[] plain() {
		if (this.plain == null) {
			this.plain = FrameEncoder.encode(this.opcode, this.data, 0, this.data.length);
		}
		return this.plain;
	}

	/** The compressed frame for recipients without a server context. */
	byte[] shared(boolean huffmanOnly) {
		if (huffmanOnly) {
			if (this.huffman == null) {
				this.huffman = MessageDeflater.frame(true, this.opcode, this.data);
			}
			return this.huffman;
		}
		if (this.deflated == null) {
			this.deflated = MessageDeflater.frame(false, this.opcode, this.data);
		}
		return this.deflated;
	}

}
