package io.mongoose.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One socket on the event loop: its receive buffer, its bounded send queue, a timer and
 * the two closing flags of the original ({@code MG_F_SEND_AND_CLOSE},
 * {@code MG_F_CLOSE_IMMEDIATELY}).
 * <p>
 * Everything here belongs to the IO thread except {@link #write}, which any thread may
 * call.
 * <p>
 * Over 400 lines because one socket's reads, writes, transport hand-off, timers and close
 * flags change together on every event; its output queue is SendQueue.
 */
public final class NetConnection {

	private final EventManager manager;

	/** The socket; {@code null} for a connection in memory ({@link MemoryTransport}). */
	final SocketChannel channel;

	final SelectionKey key;

	private EventHandler handler;

	private final InetSocketAddress remote;

	/**
	 * Resolved on first use: a {@code getsockname} per accepted connection that nobody
	 * asks about.
	 */
	private InetSocketAddress local;

	private ByteBuffer recv;

	private int recvLimit = BufferPool.BUFFER_SIZE;

	private final SendQueue sendQueue;

	/**
	 * Bytes queued or reserved by writers on any thread; bounded by {@link #sendLimit}.
	 */
	private final AtomicLong queuedBytes = new AtomicLong();

	private volatile long sendLimit;

	private volatile boolean closed;

	private boolean sendAndClose;

	private boolean closeImmediately;

	boolean connecting;

	/** Connecting, but the host name is still being resolved: no socket interest yet. */
	boolean resolving;

	private boolean readPaused;

	private boolean peerClosed;

	long lastIoMillis;

	/** When bytes last reached the socket, or output was queued on an empty queue. */
	long lastSendMillis;

	long timerMillis;

	int index = -1;

	boolean dirty;

	private Object attachment;

	/**
	 * The TLS layer between the socket and the buffers; {@code null} on a plain
	 * connection.
	 */
	private Transport transport;

	boolean pendingRead;

	boolean pollRequested;

	/**
	 * Whether {@code TCP_NODELAY} is set. It is set before the first write that Nagle's
	 * algorithm could hold back (one with unacknowledged data before it), so a reply sent
	 * in one write and then closed never pays the {@code setsockopt}.
	 */
	private boolean noDelay;

	/** Whether a flush has written before: from then on Nagle could delay a write. */
	private boolean flushed;

	/** The peer may still be sending when this closes: see {@link #expectUnreadInput}. */
	boolean unreadInput;

	NetConnection(EventManager manager, SocketChannel channel, SelectionKey key, EventHandler handler,
			InetSocketAddress remote, long sendLimit) {
		this.manager = manager;
		this.channel = channel;
		this.key = key;
		this.handler = handler;
		this.remote = remote;
		this.sendLimit = sendLimit;
		this.sendQueue = new SendQueue(manager.pool);
		this.lastIoMillis = System.currentTimeMillis();
	}

	void setTransport(Transport transport) {
		this.transport = transport;
	}

	/** Whether this connection speaks TLS. */
	public boolean isSecure() {
		return this.transport != null && this.transport.isSecure();
	}

	/**
	 * The verified client certificate's subject, or {@code null} (plain, or no
	 * certificate).
	 */
	public Principal tlsPeerPrincipal() {
		return (this.transport == null) ? null : this.transport.peerPrincipal();
	}

	/** The TLS layer, {@code null} on a plain connection. */
	Transport transport() {
		return this.transport;
	}

	public EventManager manager() {
		return this.manager;
	}

	public InetSocketAddress remoteAddress() {
		return this.remote;
	}

	/** The local address, or null when the socket is closed or not connected yet. */
	public InetSocketAddress localAddress() {
		if (this.channel == null) { // in memory
			return MemoryTransport.ADDRESS;
		}
		if (this.local == null) {
			try {
				this.local = (InetSocketAddress) this.channel.getLocalAddress();
			}
			catch (IOException ex) {
				return null;
			}
		}
		return this.local;
	}

	/** The protocol layer's per-connection state. */
	public Object attachment() {
		return this.attachment;
	}

	public void attach(Object attachment) {
		this.attachment = attachment;
	}

	public EventHandler handler() {
		return this.handler;
	}

	/**
	 * Hands the connection to another protocol handler (for example after an upgrade).
	 */
	public void setHandler(EventHandler handler) {
		this.handler = handler;
	}

	// ---- receive buffer
	// -------------------------------------------------------------------

	/** The receive buffer's backing array; valid bytes are {@code [0, recvLength())}. */
	public byte[] recvArray() {
		return (this.recv != null) ? this.recv.array() : EMPTY;
	}

	public int recvLength() {
		return (this.recv != null) ? this.recv.position() : 0;
	}

	/** Discards {@code n} processed bytes from the front of the receive buffer. */
	public void consume(int n) {
		if (n <= 0) {
			return;
		}
		int length = recvLength();
		if (n >= length) {
			releaseRecv();
		}
		else {
			byte[] array = this.recv.array();
			System.arraycopy(array, n, array, 0, length - n);
			this.recv.position(length - n);
		}
		updateInterest();
	}

	/**
	 * Drops {@code length} bytes at {@code offset}, closing the gap (used to de-chunk in
	 * place).
	 */
	public void cut(int offset, int length) {
		int total = recvLength();
		byte[] array = this.recv.array();
		System.arraycopy(array, offset + length, array, offset, total - offset - length);
		this.recv.position(total - length);
	}

	/** How many bytes the receive buffer may hold; reading pauses while it is full. */
	public void setRecvLimit(int limit) {
		this.recvLimit = Math.max(limit, 1);
		updateInterest();
	}

	public int recvLimit() {
		return this.recvLimit;
	}

	/**
	 * Moves what is left in a receive buffer that grew for a body into a pooled one, so
	 * the big buffer is not kept once the body it was charged for is consumed.
	 */
	public void trimRecv() {
		if (this.recv != null && this.recv.capacity() > BufferPool.BUFFER_SIZE
				&& this.recv.position() <= BufferPool.BUFFER_SIZE) {
			ByteBuffer small = this.manager.pool.acquire();
			this.recv.flip();
			small.put(this.recv);
			this.recv = small;
		}
	}

	public boolean isRecvFull() {
		return recvLength() >= this.recvLimit;
	}

	public boolean isPeerClosed() {
		return this.peerClosed;
	}

	private void releaseRecv() {
		if (this.recv != null) {
			this.manager.pool.release(this.recv);
			this.recv = null;
		}
	}

	/** Reads once from the socket; returns bytes read, -1 at end of stream. */
	int readFromSocket() throws IOException {
		if (this.recv == null) {
			this.recv = this.manager.pool.acquire();
		}
		else if (!this.recv.hasRemaining()) {
			int grown = (int) Math.min((long) this.recv.capacity() * 2, Math.max(this.recvLimit, this.recv.capacity()));
			if (grown <= this.recv.capacity()) {
				return 0;
			}
			ByteBuffer bigger = ByteBuffer.allocate(grown);
			this.recv.flip();
			bigger.put(this.recv);
			this.recv = bigger;
		}
		int room = Math.min(this.recv.remaining(), this.recvLimit - this.recv.position());
		if (room <= 0) {
			return 0;
		}
		int oldLimit = this.recv.limit();
		this.recv.limit(this.recv.position() + room);
		int n = (this.transport == null) ? this.channel.read(this.recv) : this.transport.read(this.recv);
		this.recv.limit(oldLimit);
		if (n < 0) {
			this.peerClosed = true;
		}
		if (recvLength() == 0) {
			releaseRecv();
		}
		return n;
	}

	// ---- sending
	// ----------------------------------------------------------------------------

	/**
	 * Queues bytes for sending; safe from any thread. Off the IO thread the bytes are
	 * copied and handed to the loop, which is woken up.
	 * @return {@code length} if queued, 0 if the connection is closed or the bytes would
	 * overflow the send queue (then nothing is queued)
	 */
	public int write(byte[] data, int offset, int length) {
		if (length == 0 || this.closed || !reserve(length)) {
			return 0;
		}
		if (this.manager.inLoop()) {
			markSendStart();
			this.sendQueue.append(data, offset, length);
			this.manager.markWritable(this);
		}
		else {
			queueFromOtherThread(java.util.Arrays.copyOfRange(data, offset, offset + length));
		}
		return length;
	}

	public int write(byte[] data) {
		return write(data, 0, data.length);
	}

	/**
	 * Like {@link #write(byte[])} for bytes the caller never modifies again (an encoded
	 * WebSocket frame, possibly queued on many connections): they are queued without a
	 * copy. Safe from any thread.
	 */
	public int writeShared(byte[] data) {
		if (data.length == 0 || this.closed || !reserve(data.length)) {
			return 0;
		}
		if (this.manager.inLoop()) {
			markSendStart();
			this.sendQueue.appendShared(data);
			this.manager.markWritable(this);
		}
		else {
			queueFromOtherThread(data);
		}
		return data.length;
	}

	/** Hands bytes owned by this connection now to the loop (already reserved). */
	private void queueFromOtherThread(byte[] data) {
		this.manager.execute(() -> {
			if (this.closed) {
				return;
			}
			markSendStart();
			this.sendQueue.appendShared(data);
			this.manager.markWritable(this);
		});
	}

	/**
	 * Reserves room for {@code length} bytes that the IO thread then queues in several
	 * pieces with {@link #appendReserved}, so that a reply is queued whole or not at all.
	 */
	public boolean tryReserve(long length) {
		return !this.closed && reserve(length);
	}

	/** Queues bytes reserved with {@link #tryReserve}; IO thread only. */
	public void appendReserved(byte[] data, int offset, int length) {
		if (length > 0 && !this.closed) {
			markSendStart();
			this.sendQueue.append(data, offset, length);
			this.manager.markWritable(this);
		}
	}

	/**
	 * Queues part of a file; IO thread only. The file moves with zero-copy transfer as
	 * the socket drains and does not count against the send-queue limit.
	 */
	public void sendFile(FileChannel file, long position, long count, boolean closeWhenDone) {
		this.manager.checkInLoop("sendFile");
		markSendStart();
		this.sendQueue.append(new FileRegion(file, position, count, closeWhenDone));
		this.manager.markWritable(this);
	}

	private void markSendStart() {
		if (this.sendQueue.isEmpty()) {
			this.lastSendMillis = System.currentTimeMillis();
		}
	}

	private boolean reserve(long length) {
		long limit = this.sendLimit;
		while (true) {
			long current = this.queuedBytes.get();
			if (current + length > limit) {
				return false;
			}
			if (this.queuedBytes.compareAndSet(current, current + length)) {
				return true;
			}
		}
	}

	/** File regions waiting in the send queue; IO thread only. */
	public int queuedFiles() {
		return this.sendQueue.files;
	}

	/** Bytes waiting in the send queue (files excluded). */
	public long queuedBytes() {
		return this.queuedBytes.get();
	}

	public boolean hasPendingOutput() {
		return !this.sendQueue.isEmpty() || (this.transport != null && this.transport.hasBufferedOutput());
	}

	public void setSendLimit(long limit) {
		this.sendLimit = limit;
	}

	public long sendLimit() {
		return this.sendLimit;
	}

	/** Writes what the socket takes now; returns bytes written. */
	long flush() throws IOException {
		if (!this.noDelay && this.channel != null
				&& (this.flushed || this.transport != null || !this.sendQueue.takesOneWrite())) {
			this.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			this.noDelay = true;
		}
		this.flushed = true;
		if (this.transport != null && (!this.transport.flush() || !this.transport.isEstablished())) {
			return 0;
		}
		long n = (this.transport == null) ? this.sendQueue.writeTo(this.channel)
				: this.sendQueue.writeTo(this.transport);
		if (this.sendQueue.lastBufferBytes > 0) {
			this.queuedBytes.addAndGet(-this.sendQueue.lastBufferBytes);
		}
		return n;
	}

	// ---- flags, timer, closing
	// --------------------------------------------------------------

	/** Close once everything queued has been sent ({@code MG_F_SEND_AND_CLOSE}). */
	public void closeAfterSend() {
		this.sendAndClose = true;
		this.manager.markWritable(this);
	}

	/**
	 * Says the peer may still be sending when this connection closes (a refused request
	 * whose body was not read): the close then sends its FIN after the queued output at
	 * once, so the reply is on its way before the unread bytes make the kernel reset the
	 * connection.
	 */
	public void expectUnreadInput() {
		this.unreadInput = true;
	}

	/**
	 * Drop pending output and close at the end of this poll
	 * ({@code MG_F_CLOSE_IMMEDIATELY}).
	 */
	public void closeNow() {
		this.closeImmediately = true;
		this.manager.markWritable(this);
	}

	public boolean isClosing() {
		return this.sendAndClose || this.closeImmediately;
	}

	public boolean isClosed() {
		return this.closed;
	}

	boolean shouldCloseNow() {
		return this.closeImmediately || (this.sendAndClose && !hasPendingOutput())
				|| (this.peerClosed && !hasPendingOutput() && !this.connecting);
	}

	/**
	 * Asks for {@link Event#POLL} on the next iteration of the loop, not only on the next
	 * millisecond's sweep (a handler that waits to be called again); IO thread only.
	 */
	public void pollSoon() {
		this.manager.requestPoll(this);
	}

	/**
	 * Arms the one-shot timer: a {@link Event#TIMER} at {@code epochMillis}; 0 disarms
	 * it.
	 */
	public long setTimer(long epochMillis) {
		long previous = this.timerMillis;
		this.timerMillis = epochMillis;
		return previous;
	}

	public long lastIoMillis() {
		return this.lastIoMillis;
	}

	/** Stops reading from the socket until {@link #resumeReading()} (back-pressure). */
	public void pauseReading() {
		this.readPaused = true;
		updateInterest();
	}

	public void resumeReading() {
		this.readPaused = false;
		updateInterest();
	}

	/** Whether the socket should be read when it has input. */
	boolean wantsInput() {
		return !this.readPaused && !this.peerClosed && recvLength() < this.recvLimit;
	}

	void updateInterest() {
		if (this.closed || (this.key != null && !this.key.isValid())) {
			return;
		}
		int ops;
		if (this.connecting) {
			ops = this.resolving ? 0 : SelectionKey.OP_CONNECT;
		}
		else {
			boolean read = wantsInput();
			boolean write;
			if (this.transport == null) {
				write = !this.sendQueue.isEmpty();
			}
			else {
				write = this.transport.hasBufferedOutput()
						|| (!this.sendQueue.isEmpty() && this.transport.isEstablished());
				if (read && this.transport.hasBufferedInput()) {
					// decoded bytes wait in the TLS layer: the socket may never become
					// readable for them
					this.manager.markReadable(this);
				}
			}
			ops = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
		}
		if (this.key != null && this.key.interestOps() != ops) {
			this.key.interestOps(ops);
		}
	}

	void fire(Event event, Object data) {
		this.handler.onEvent(this, event, data);
	}

	void markClosed() {
		this.closed = true;
		this.sendQueue.clear();
		this.queuedBytes.set(0);
		releaseRecv();
	}

	@Override
	public String toString() {
		return "connection " + this.remote;
	}

	private static final byte[] EMPTY = new byte[0];

}
