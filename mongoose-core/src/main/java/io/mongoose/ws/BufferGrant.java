package io.mongoose.ws;

/**
 * Asked before a WebSocket's decoder or assembler grows what it buffers, so that buffered
 * frames and messages are charged to the server's budget before they take heap.
 */
@FunctionalInterface
interface BufferGrant {

	/** Grants everything: for decoders that are not attached to a server. */
	BufferGrant UNLIMITED = bytes -> 0;

	/**
	 * @param bytes how many more bytes the caller is about to buffer
	 * @return 0 when granted, else the close code to fail the connection with
	 */
	int reserve(long bytes);

}
