package io.mongoose.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;

/**
 * A connection's bytes kept in memory instead of a socket: the protocol layers above run
 * exactly as on a socket, while a {@link Peer} in the same process plays the client. The
 * server reads what the peer wrote and writes into a bounded window the peer drains, so
 * back-pressure (and {@link Event#SEND}) work as they do on a socket. IO thread only.
 */
final class MemoryTransport implements Transport {

	/** Both ends of an in-memory connection report this address: 127.0.0.1, port 0. */
	static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

	/**
	 * Output the peer has not read yet, at most: a socket's buffers are bounded too (and
	 * so is an adopted peer's input, {@link PeerTransport}).
	 */
	static final int WINDOW = 64 * 1024;

	private final EventManager manager;

	/** Told of new output and of the close; the client end's connection once adopted. */
	private Runnable onOutput;

	/** The client end as a connection of the loop ({@link PeerTransport}), or null. */
	private NetConnection peerConnection;

	private final Peer peer = new Peer();

	/** Bytes from the peer, in read mode. */
	private ByteBuffer input = ByteBuffer.allocate(0);

	/** Bytes for the peer, in write mode. */
	private ByteBuffer output = ByteBuffer.allocate(1024);

	private boolean inputClosed;

	private boolean endOfInputRead;

	private boolean closed;

	private NetConnection connection;

	MemoryTransport(EventManager manager, Runnable onOutput) {
		this.manager = manager;
		this.onOutput = onOutput;
	}

	void attachTo(NetConnection connection) {
		this.connection = connection;
	}

	Peer peer() {
		return this.peer;
	}

	/**
	 * Hands the client end to {@code client}, a connection of the loop: it is told of
	 * output, and of room for its own writes once the server has read them.
	 */
	void adoptedBy(NetConnection client) {
		this.peerConnection = client;
		this.onOutput = client::updateInterest;
	}

	/** Bytes from the peer the server has not read yet. */
	int unreadInput() {
		return this.input.remaining();
	}

	/** Output the peer has not read yet. */
	boolean hasOutput() {
		return this.output.position() > 0;
	}

	@Override
	public int read(ByteBuffer dst) {
		if (!this.input.hasRemaining()) {
			if (this.inputClosed) {
				this.endOfInputRead = true;
				return -1;
			}
			return 0;
		}
		int n = Math.min(dst.remaining(), this.input.remaining());
		dst.put(this.input.slice(this.input.position(), n));
		this.input.position(this.input.position() + n);
		if (n > 0 && this.peerConnection != null) {
			// room for the client end's queued output again
			this.manager.markWritable(this.peerConnection);
		}
		return n;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		if (this.closed) {
			throw new ClosedChannelException();
		}
		int n = Math.min(src.remaining(), WINDOW - this.output.position());
		if (n <= 0) {
			return 0;
		}
		if (this.output.remaining() < n) {
			this.output = ByteBuffer
				.allocate(Math.min(WINDOW, Math.max(this.output.capacity() * 2, this.output.position() + n)))
				.put(this.output.flip());
		}
		this.output.put(src.slice(src.position(), n));
		src.position(src.position() + n);
		this.onOutput.run();
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

	/** Input waits, or the peer's end of input was not read yet. */
	@Override
	public boolean hasBufferedInput() {
		return this.input.hasRemaining() || (this.inputClosed && !this.endOfInputRead);
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
		return !this.closed;
	}

	/** The server closed the connection; the peer still reads what was written. */
	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.onOutput.run();
		}
	}

	/**
	 * The client's end: {@link #write} is what the client sends, {@link #read} what the
	 * server answered (-1 once the server closed and everything was read), and
	 * {@link #close} ends the client's input, as a client closing its socket does.
	 */
	final class Peer implements ByteChannel {

		/** The server's end. */
		MemoryTransport server() {
			return MemoryTransport.this;
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			if (MemoryTransport.this.inputClosed || MemoryTransport.this.closed) {
				throw new ClosedChannelException();
			}
			int n = src.remaining();
			ByteBuffer input = MemoryTransport.this.input;
			MemoryTransport.this.input = ByteBuffer.allocate(input.remaining() + n).put(input).put(src).flip();
			readable();
			return n;
		}

		@Override
		public int read(ByteBuffer dst) {
			ByteBuffer output = MemoryTransport.this.output;
			if (output.position() == 0) {
				return MemoryTransport.this.closed ? -1 : 0;
			}
			output.flip();
			int n = Math.min(dst.remaining(), output.remaining());
			dst.put(output.slice(output.position(), n));
			output.position(output.position() + n).compact();
			if (!MemoryTransport.this.closed) {
				// room in the window again: what the send queue still holds may go out
				MemoryTransport.this.manager.markWritable(MemoryTransport.this.connection);
			}
			return n;
		}

		@Override
		public boolean isOpen() {
			return !MemoryTransport.this.inputClosed && !MemoryTransport.this.closed;
		}

		@Override
		public void close() {
			if (!MemoryTransport.this.inputClosed) {
				MemoryTransport.this.inputClosed = true;
				readable();
			}
		}

		private void readable() {
			if (!MemoryTransport.this.closed) {
				MemoryTransport.this.connection.updateInterest();
			}
		}

	}

}
