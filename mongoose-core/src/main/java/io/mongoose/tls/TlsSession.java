package io.mongoose.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.Principal;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.mongoose.net.Transport;

/**
 * One TLS connection: an {@link SSLEngine} between the socket and the connection's
 * plaintext buffers, driven on the IO thread (delegated tasks run inline).
 * <p>
 * Three buffers: ciphertext read from the socket ({@code netIn}), plaintext decoded but
 * not yet taken by the receive buffer ({@code appIn}) and ciphertext waiting for the
 * socket ({@code netOut}). Plaintext is accepted for sending only once {@code netOut} has
 * drained, so at most one record per connection waits above the socket. The buffers come
 * from a small per-IO-thread pool and go back as soon as they are empty: an idle TLS
 * connection holds none.
 * <p>
 * A client-initiated renegotiation (TLS 1.2; 1.3 has none) closes the connection. A
 * failed handshake costs the connection and one log line.
 * <p>
 * Over 400 lines because the SSLEngine's handshake, wrap, unwrap and close are one state
 * machine; key material (PemKeyMaterial) and policy (TlsPolicy) live apart.
 */
final class TlsSession implements Transport {

	private static final System.Logger log = System.getLogger(TlsSession.class.getName());

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private static final int MAX_POOLED = 256;

	/**
	 * Empty buffers of the IO thread that runs this session (a session never changes
	 * thread).
	 */
	private static final ThreadLocal<java.util.ArrayDeque<ByteBuffer>> POOL = ThreadLocal
		.withInitial(java.util.ArrayDeque::new);

	private final SSLEngine engine;

	private final SocketChannel channel;

	private final InetSocketAddress remote;

	/** Ciphertext from the socket, write mode; {@code null} when empty. */
	private ByteBuffer netIn;

	/** Decoded plaintext not yet delivered, write mode; {@code null} when empty. */
	private ByteBuffer appIn;

	/** Ciphertext for the socket, read mode; {@code null} when empty. */
	private ByteBuffer netOut;

	private final int bufferSize;

	private final ByteBuffer[] single = new ByteBuffer[1];

	/** {@code netIn} holds only part of a record: the socket must bring more. */
	private boolean underflow;

	private boolean established;

	private boolean tls13;

	/** End of stream or close_notify from the peer. */
	private boolean inputClosed;

	private boolean closed;

	private boolean failed;

	TlsSession(SSLEngine engine, SocketChannel channel, InetSocketAddress remote) throws SSLException {
		this.engine = engine;
		this.channel = channel;
		this.remote = remote;
		this.bufferSize = Math.max(engine.getSession().getPacketBufferSize(),
				engine.getSession().getApplicationBufferSize());
		engine.beginHandshake();
	}

	// ---- reading
	// ----------------------------------------------------------------------------------

	@Override
	public int read(ByteBuffer dst) throws IOException {
		try {
			int total = 0;
			while (true) {
				total += deliver(dst);
				if (appPending() || !dst.hasRemaining()) {
					return total;
				}
				if (this.inputClosed) {
					return (total > 0) ? total : -1;
				}
				if (this.engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
					if (!handshake(true) && !this.inputClosed) {
						return total;
					}
					continue;
				}
				if (netPending() && !this.underflow) {
					unwrap();
					continue;
				}
				if (fill() == 0) {
					return total;
				}
			}
		}
		catch (SSLException ex) {
			throw failed(ex);
		}
	}

	/** Moves decoded plaintext into the caller's buffer. */
	private int deliver(ByteBuffer dst) {
		if (this.appIn == null) {
			return 0;
		}
		int n = Math.min(this.appIn.position(), dst.remaining());
		if (n > 0) {
			this.appIn.flip();
			int limit = this.appIn.limit();
			this.appIn.limit(n);
			dst.put(this.appIn);
			this.appIn.limit(limit);
			this.appIn.compact();
		}
		if (this.appIn.position() == 0) {
			this.appIn = release(this.appIn);
		}
		return n;
	}

	private boolean appPending() {
		return this.appIn != null && this.appIn.position() > 0;
	}

	private boolean netPending() {
		return this.netIn != null && this.netIn.position() > 0;
	}

	/** Reads ciphertext from the socket; returns bytes read, -1 at end of stream. */
	private int fill() throws IOException {
		if (this.netIn == null) {
			this.netIn = acquire();
		}
		if (!this.netIn.hasRemaining()) {
			int packet = this.engine.getSession().getPacketBufferSize();
			if (this.netIn.capacity() >= packet) {
				throw new SSLException("TLS record larger than " + packet + " bytes");
			}
			this.netIn = grow(this.netIn, packet);
		}
		int n = this.channel.read(this.netIn);
		if (this.netIn.position() == 0) {
			this.netIn = release(this.netIn);
		}
		if (n > 0) {
			this.underflow = false;
		}
		else if (n < 0) {
			this.inputClosed = true;
			if (!this.established && !this.failed) {
				this.failed = true;
				log.log(Level.INFO,
						() -> "TLS handshake with " + this.remote + " aborted: the client closed the connection");
			}
		}
		return n;
	}

	private SSLEngineResult unwrap() throws IOException {
		if (this.appIn == null) {
			this.appIn = acquire();
		}
		this.netIn.flip();
		SSLEngineResult result;
		try {
			result = this.engine.unwrap(this.netIn, this.appIn);
		}
		finally {
			this.netIn.compact();
			if (this.netIn.position() == 0) {
				this.netIn = release(this.netIn);
			}
		}
		switch (result.getStatus()) {
			case BUFFER_UNDERFLOW -> this.underflow = true;
			case BUFFER_OVERFLOW -> {
				if (this.appIn.position() == 0) {
					this.appIn = grow(this.appIn, this.engine.getSession().getApplicationBufferSize());
				}
			}
			case CLOSED -> this.inputClosed = true;
			default -> {
			}
		}
		if (result.getStatus() != Status.BUFFER_OVERFLOW && this.appIn.position() == 0) {
			this.appIn = release(this.appIn);
		}
		HandshakeStatus status = result.getHandshakeStatus();
		if (status == HandshakeStatus.FINISHED) {
			markEstablished();
		}
		else if (this.established && !this.tls13 && result.getStatus() == Status.OK
				&& status != HandshakeStatus.NOT_HANDSHAKING) {
			throw new SSLException("client-initiated renegotiation refused");
		}
		return result;
	}

	// ---- handshake
	// ---------------------------------------------------------------------------------

	/**
	 * Moves the handshake on as far as the socket allows.
	 * @return true once it is over, false while it waits for the socket
	 */
	private boolean handshake(boolean mayRead) throws IOException {
		while (true) {
			HandshakeStatus status = this.engine.getHandshakeStatus();
			switch (status) {
				case NOT_HANDSHAKING, FINISHED -> {
					markEstablished();
					flushNetOut();
					return true;
				}
				case NEED_TASK -> runTasks();
				case NEED_WRAP -> {
					flushNetOut();
					SSLEngineResult result = wrap(EMPTY_ARRAY, 0, 0);
					if (result == null) {
						return false;
					}
					if (result.getStatus() == Status.CLOSED) {
						flushNetOut();
						throw new SSLException("the TLS engine closed during the handshake");
					}
				}
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					flushNetOut();
					if (status == HandshakeStatus.NEED_UNWRAP && (!netPending() || this.underflow)) {
						if (!mayRead || this.inputClosed || fill() <= 0) {
							return false;
						}
						continue;
					}
					SSLEngineResult result = unwrap();
					if (result.getStatus() == Status.CLOSED) {
						return false;
					}
					if (result.getStatus() == Status.BUFFER_OVERFLOW && appPending()) {
						return false;
					}
				}
			}
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	private void markEstablished() {
		if (!this.established) {
			this.established = true;
			this.tls13 = "TLSv1.3".equals(this.engine.getSession().getProtocol());
			log.log(Level.DEBUG,
					() -> "TLS with " + this.remote + ": " + this.engine.getSession().getProtocol() + " "
							+ this.engine.getSession().getCipherSuite() + ", ALPN '"
							+ this.engine.getApplicationProtocol() + "'");
		}
	}

	// ---- writing
	// --------------------------------------------------------------------------------------

	private static final ByteBuffer[] EMPTY_ARRAY = { EMPTY };

	/**
	 * Wraps into {@code netOut} (appending).
	 * @return the result, or {@code null} when {@code netOut} must drain first
	 */
	private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
		while (true) {
			if (this.netOut == null) {
				this.netOut = acquire().flip();
			}
			this.netOut.compact();
			SSLEngineResult result;
			try {
				result = (length == 0) ? this.engine.wrap(EMPTY, this.netOut)
						: this.engine.wrap(srcs, offset, length, this.netOut);
			}
			finally {
				this.netOut.flip();
			}
			if (result.getStatus() != Status.BUFFER_OVERFLOW) {
				if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
					markEstablished();
				}
				return result;
			}
			if (this.netOut.hasRemaining()) {
				return null;
			}
			this.netOut = grow(this.netOut.clear(), this.engine.getSession().getPacketBufferSize()).flip();
		}
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		if (!this.established || this.closed) {
			return 0;
		}
		try {
			long consumed = 0;
			while (flushNetOut() && remaining(srcs, offset, length)) {
				SSLEngineResult result = wrap(srcs, offset, length);
				if (result == null) {
					break;
				}
				if (result.getStatus() == Status.CLOSED) {
					throw new IOException("TLS connection closed");
				}
				consumed += result.bytesConsumed();
				if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
					runTasks();
				}
				if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
					break;
				}
			}
			return consumed;
		}
		catch (SSLException ex) {
			throw failed(ex);
		}
	}

	@Override
	public long write(ByteBuffer[] srcs) throws IOException {
		return write(srcs, 0, srcs.length);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		this.single[0] = src;
		try {
			return (int) write(this.single, 0, 1);
		}
		finally {
			this.single[0] = null;
		}
	}

	private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			if (srcs[i].hasRemaining()) {
				return true;
			}
		}
		return false;
	}

	/** Writes {@code netOut} as far as the socket takes it; true when it is empty. */
	private boolean flushNetOut() throws IOException {
		if (this.netOut == null) {
			return true;
		}
		while (this.netOut.hasRemaining()) {
			if (this.channel.write(this.netOut) == 0) {
				return false;
			}
		}
		this.netOut = release(this.netOut);
		return true;
	}

	@Override
	public boolean flush() throws IOException {
		try {
			if (!flushNetOut()) {
				return false;
			}
			if (!this.closed && !this.inputClosed
					&& this.engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
				handshake(false);
			}
			return !hasBufferedOutput();
		}
		catch (SSLException ex) {
			throw failed(ex);
		}
	}

	// ---- state
	// ---------------------------------------------------------------------------------------

	@Override
	public boolean hasBufferedOutput() {
		return this.netOut != null && this.netOut.hasRemaining();
	}

	@Override
	public boolean hasBufferedInput() {
		if (this.failed || this.closed) {
			return false;
		}
		return appPending() || this.inputClosed || (netPending() && !this.underflow && !hasBufferedOutput());
	}

	@Override
	public boolean isEstablished() {
		return this.established;
	}

	@Override
	public Principal peerPrincipal() {
		if (!this.established) {
			return null;
		}
		try {
			return this.engine.getSession().getPeerPrincipal();
		}
		catch (SSLPeerUnverifiedException ex) {
			return null; // want mode, and the client sent no certificate
		}
	}

	@Override
	public boolean isOpen() {
		return !this.closed;
	}

	/** Best effort: queue close_notify (or the pending alert) and write it once. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (!this.established && !this.failed) {
			this.failed = true;
			log.log(Level.INFO,
					() -> "TLS handshake with " + this.remote + " did not complete before the connection closed");
		}
		try {
			this.engine.closeOutbound();
			wrap(EMPTY_ARRAY, 0, 0);
			flushNetOut();
		}
		catch (IOException | RuntimeException ignored) {
			// the peer gets no goodbye; the socket closes anyway
		}
		this.netIn = release(this.netIn);
		this.appIn = release(this.appIn);
		this.netOut = release(this.netOut);
	}

	private SSLException failed(SSLException ex) {
		if (!this.failed) {
			this.failed = true;
			String what = this.established ? "TLS error with " : "TLS handshake with ";
			log.log(Level.INFO, () -> what + this.remote + " failed: " + ex.getMessage());
		}
		return ex;
	}

	private ByteBuffer acquire() {
		ByteBuffer buffer = POOL.get().pollFirst();
		return (buffer != null && buffer.capacity() >= this.bufferSize) ? buffer.clear()
				: ByteBuffer.allocate(this.bufferSize);
	}

	/**
	 * Gives an empty buffer back to the pool; returns {@code null} for the caller's
	 * field.
	 */
	private ByteBuffer release(ByteBuffer buffer) {
		if (buffer != null && buffer.capacity() == this.bufferSize) {
			java.util.ArrayDeque<ByteBuffer> pool = POOL.get();
			if (pool.size() < MAX_POOLED) {
				pool.addFirst(buffer);
			}
		}
		return null;
	}

	private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
		ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
		buffer.flip();
		bigger.put(buffer);
		return bigger;
	}

	@Override
	public String toString() {
		return "TLS " + this.remote;
	}

}
