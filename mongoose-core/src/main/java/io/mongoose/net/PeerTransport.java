package io.mongoose.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The client end of a {@link MemoryTransport} as the transport of a connection of its
 * own, so that client code written for sockets (the WebSocket client session) runs on it
 * unchanged, on the server's loop: what the server writes is this end's input, after the
 * bytes the client had already taken from the peer; what this end writes is the server's
 * input, at most {@link MemoryTransport#WINDOW} ahead of the server's reads, so neither
 * direction grows without bound. Never secure. IO thread only.
 */
final class PeerTransport implements Transport {

	private final MemoryTransport.Peer peer;

	private final MemoryTransport server;

	/** Bytes read from the peer before this end was adopted, in read mode. */
	private final ByteBuffer unread;

	private boolean endOfInputRead;

	PeerTransport(MemoryTransport.Peer peer, byte[] unread) {
		this.peer = peer;
		this.server = peer.server();
		this.unread = ByteBuffer.wrap(unread);
	}

	@Override
	public int read(ByteBuffer dst) {
		if (this.unread.hasRemaining()) {
			int n = Math.min(dst.remaining(), this.unread.remaining());
			dst.put(this.unread.slice(this.unread.position(), n));
			this.unread.position(this.unread.position() + n);
			return n;
		}
		int n = this.peer.read(dst);
		if (n < 0) {
			this.endOfInputRead = true;
		}
		return n;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		int room = MemoryTransport.WINDOW - this.server.unreadInput();
		if (room <= 0 || !src.hasRemaining()) {
			return 0; // the server's read makes this end writable again
		}
		if (src.remaining() <= room) {
			return this.peer.write(src);
		}
		int n = this.peer.write(src.slice(src.position(), room));
		src.position(src.position() + n);
		return n;
	}

	@Override
	public boolean flush() {
		return true;
	}

	@Override
	public boolean hasBufferedOutput() {
		return false;
	}

	/** Unread bytes, output of the server, or the server's close not read yet. */
	@Override
	public boolean hasBufferedInput() {
		return this.unread.hasRemaining() || this.server.hasOutput() || (!this.server.isOpen() && !this.endOfInputRead);
	}

	@Override
	public boolean isEstablished() {
		return true;
	}

	@Override
	public boolean isSecure() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return this.peer.isOpen();
	}

	/** Ends the server's input, as closing a client socket does. */
	@Override
	public void close() {
		this.peer.close();
	}

}
