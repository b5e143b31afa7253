package io.mongoose.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.security.Principal;

/**
 * A transform between a connection's socket and its plaintext buffers (TLS). A plain
 * connection has none: its receive buffer and send queue talk to the socket directly.
 * <p>
 * {@link #read} decodes what the socket has into the receive buffer; {@link #write}
 * encodes queued plaintext and sends it, accepting plaintext only once the previously
 * encoded bytes have drained (that is the back-pressure). IO thread only.
 */
public interface Transport extends ByteChannel, GatheringByteChannel {

	/** Creates the transport of a freshly accepted socket. */
	@FunctionalInterface
	interface Factory {

		Transport create(SocketChannel channel, InetSocketAddress remote) throws IOException;

	}

	/**
	 * Reads from the socket and decodes into {@code dst}.
	 * @return plaintext bytes added (0 when only handshake progress was made), -1 once
	 * the peer has closed and no plaintext is left
	 */
	@Override
	int read(ByteBuffer dst) throws IOException;

	/**
	 * Sends encoded bytes waiting for the socket and moves the handshake on.
	 * @return true when nothing encoded is waiting any more
	 */
	boolean flush() throws IOException;

	/** Encoded bytes wait for the socket. */
	boolean hasBufferedOutput();

	/**
	 * Input already read from the socket can be delivered without the socket becoming
	 * readable.
	 */
	boolean hasBufferedInput();

	/** The handshake is over: queued plaintext may go out. */
	boolean isEstablished();

	/**
	 * Gathers by writing each buffer in turn until one is not taken whole: for transports
	 * without a gathering write of their own.
	 */
	@Override
	default long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			int wanted = srcs[i].remaining();
			int n = write(srcs[i]);
			total += n;
			if (n < wanted) {
				break;
			}
		}
		return total;
	}

	@Override
	default long write(ByteBuffer[] srcs) throws IOException {
		return write(srcs, 0, srcs.length);
	}

	/** Whether the bytes are protected (TLS); an in-memory transport is not. */
	default boolean isSecure() {
		return true;
	}

	/**
	 * The subject of the peer's verified certificate, or {@code null} if it sent none.
	 */
	default Principal peerPrincipal() {
		return null;
	}

	/**
	 * Says goodbye (close_notify) if the socket takes it now; never blocks, never throws.
	 */
	@Override
	void close();

}
