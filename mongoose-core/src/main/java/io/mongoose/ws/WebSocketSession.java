package io.mongoose.ws;

import java.lang.System.Logger.Level;
import java.util.zip.Deflater;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.WebSocketHandler;
import io.mongoose.http.BufferBudget;
import io.mongoose.http.HttpConnection;
import io.mongoose.net.NetConnection;

/**
 * The WebSocket state of one upgraded connection: its decoder and message assembler, the
 * closing handshake and the clocks the idle pings run on. Everything is for the IO thread
 * except {@link #send(byte[])}, which writers on any thread use.
 */
final class WebSocketSession {

	/**
	 * {@link #send} result when the connection was closed because it reads too slowly.
	 */
	static final int CLOSED_SLOW_READER = -1;

	private static final System.Logger log = System.getLogger(WebSocketSession.class.getName());

	private static final byte[] PING_FRAME = FrameEncoder.encode(WebSocketOpcodes.PING, new byte[0], 0, 0);

	final HttpConnection connection;

	final NetConnection net;

	final Handler handler;

	final WebSocketSettings settings;

	final FrameDecoder decoder;

	final MessageAssembler assembler;

	/** The permessage-deflate parameters, or {@code null} when not negotiated. */
	final PerMessageDeflate deflate;

	/** Inflates compressed messages; {@code null} without permessage-deflate. */
	final MessageInflater inflater;

	/** The message being received is compressed: its continuations are inflated too. */
	boolean inflating;

	/**
	 * The server's compression context (when it keeps one), made for the first message it
	 * compresses; used on the IO thread only, so messages are deflated in queue order.
	 */
	private Deflater deflater;

	/** Our close frame is queued: nothing else may follow it. */
	volatile boolean closeSent;

	/** The decoder failed: the input cannot be framed any more and is dropped. */
	boolean discardInput;

	long closeSentAt;

	long lastRecvMillis;

	/**
	 * Whether a handler class keeps {@link WebSocketHandler}'s own {@code handle}, which
	 * passes whole messages to {@code onText} and {@code onBinary}: such handlers get
	 * whole messages whatever {@code websocket_whole_messages} says.
	 */
	private static final ClassValue<Boolean> MESSAGE_CALLBACKS = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			try {
				return type.getMethod("handle", Connection.class).getDeclaringClass() == WebSocketHandler.class;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}
	};

	private final BufferBudget budget;

	/**
	 * Bytes of the frame being decoded and of held fragments, charged to {@link #budget}.
	 */
	private long buffered;

	WebSocketSession(HttpConnection connection, Handler handler, WebSocketSettings settings, BufferBudget budget,
			PerMessageDeflate deflate) {
		this.connection = connection;
		this.net = connection.net();
		this.handler = handler;
		this.settings = settings;
		this.budget = budget;
		long max = settings.maxMessageSize;
		this.decoder = new FrameDecoder((int) Math.max(125, max), this::reserve);
		this.assembler = new MessageAssembler(settings.wholeMessages || MESSAGE_CALLBACKS.get(handler.getClass()), max,
				this::reserve);
		this.lastRecvMillis = this.net.lastIoMillis();
		this.deflate = deflate;
		this.inflater = (deflate == null) ? null : new MessageInflater(deflate.clientContext(), this::reserve);
		if (deflate != null) {
			this.decoder.acceptCompressed();
		}
	}

	/**
	 * Charges buffer growth to the server's {@code max_buffered_bytes}; IO thread. The
	 * size of one frame and one message is bounded by {@code websocket_max_message_size}
	 * already (1009).
	 * @return 0, or 1008 when the server holds all it may
	 */
	private int reserve(long bytes) {
		if (!this.budget.tryCharge(bytes)) {
			log.log(Level.INFO,
					() -> this + ": closed with 1008, WebSocket messages and request bodies buffered by the "
							+ "server reach max_buffered_bytes (" + this.budget.limit() + ")");
			return CloseCodes.POLICY_VIOLATION;
		}
		this.buffered += bytes;
		return 0;
	}

	/**
	 * Gives the charge back: the frame or message was handed on, dropped, or the
	 * connection closed.
	 */
	void releaseBuffered() {
		this.budget.release(this.buffered);
		this.buffered = 0;
	}

	/**
	 * Queues one encoded data frame; any thread. A frame that does not fit the send queue
	 * is dropped, and with {@code websocket_slow_reader=close} the connection is closed
	 * too.
	 * @return bytes queued, 0 if dropped, {@link #CLOSED_SLOW_READER} if dropped and
	 * closing
	 */
	int send(byte[] frame) {
		if (!open()) {
			return 0;
		}
		int n = this.net.writeShared(frame);
		return (n == 0) ? full() : n;
	}

	/**
	 * Queues one data message, compressed when permessage-deflate was negotiated and it
	 * is at least {@code websocket_deflate_threshold} long; any thread. Off the IO thread
	 * a message for a server context is deflated on the IO thread (the context must see
	 * messages in queue order), and what is returned is its uncompressed frame length
	 * once room for that was found.
	 * @return as {@link #send(byte[])}
	 */
	int send(OutgoingMessage message) {
		PerMessageDeflate d = this.deflate;
		if (d == null || !message.compressible(this.settings.deflateThreshold)) {
			return send(message.plain());
		}
		if (!d.serverContext()) {
			return send(message.shared(d.huffmanOnly()));
		}
		if (!open()) {
			return 0;
		}
		if (!hasRoomFor(message)) {
			return full();
		}
		if (this.net.manager().inLoop()) {
			return sendWithContext(message);
		}
		OutgoingMessage copy = new OutgoingMessage(message.opcode, message.data.clone());
		onLoop(() -> sendWithContext(copy));
		return FrameEncoder.headerLength(message.data.length) + message.data.length;
	}

	/** Deflates with the server's context and queues; IO thread. */
	private int sendWithContext(OutgoingMessage message) {
		if (!open()) {
			return 0; // so also after releaseCompression
		}
		if (!hasRoomFor(message)) {
			return full(); // checked before deflating: a skipped message leaves the
							// context as it was
		}
		if (this.deflater == null) { // its memory is taken once it is used
			this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		}
		int n = this.net.writeShared(MessageDeflater.frame(this.deflater, message.opcode, message.data));
		if (n == 0 && !this.net.isClosed()) {
			log.log(Level.INFO, () -> this + ": closed, a compressed message did not fit the send queue after "
					+ "deflating: the peer's context would miss it");
			this.net.closeNow();
			return CLOSED_SLOW_READER;
		}
		return n;
	}

	/** Room for the message even if deflating does not shrink it. */
	private boolean hasRoomFor(OutgoingMessage message) {
		return this.net.queuedBytes() + message.data.length + 64 <= this.net.sendLimit();
	}

	private boolean open() {
		return !this.closeSent && !this.net.isClosed() && !this.net.isClosing();
	}

	/** A frame did not fit the send queue: skipped, or the connection closes. */
	private int full() {
		if (this.settings.closeSlowReaders && !this.net.isClosed()) {
			onLoop(this.net::closeNow);
			return CLOSED_SLOW_READER;
		}
		return 0;
	}

	/**
	 * Inflates a frame of a compressed message into the message budget; IO thread.
	 * @return the bytes, or {@code null}: fail with {@code inflater.errorCode()}
	 */
	byte[] inflate(byte[] payload, boolean fin) {
		return this.inflater.inflate(payload, fin, this.assembler.room());
	}

	/** Frees the zlib memory of a closed connection; IO thread. */
	void releaseCompression() {
		if (this.inflater != null) {
			this.inflater.release();
		}
		if (this.deflater != null) {
			this.deflater.end();
			this.deflater = null;
		}
	}

	/**
	 * Queues a control frame (pong, ping); IO thread. A full send queue ends the
	 * connection.
	 */
	void sendControl(int opcode, byte[] payload) {
		sendControl(FrameEncoder.encode(opcode, payload, 0, payload.length));
	}

	private void sendControl(byte[] frame) {
		if (!this.closeSent && !this.net.isClosing() && this.net.writeShared(frame) == 0) {
			this.net.closeNow();
		}
	}

	/** Pings an idle WebSocket; every one gets the same bytes. */
	void ping() {
		sendControl(PING_FRAME);
	}

	/**
	 * Starts the closing handshake from our side with {@code payload} as the close
	 * frame's payload; IO thread. TCP closes when the peer answers, or after the quiet
	 * period.
	 */
	void startClose(byte[] payload, long now) {
		if (this.closeSent || this.net.isClosed()) {
			return;
		}
		this.closeSent = true;
		this.closeSentAt = now;
		if (this.net.write(FrameEncoder.encode(WebSocketOpcodes.CLOSE, payload, 0, payload.length)) == 0) {
			this.net.closeNow();
		}
	}

	void startClose(int code, String reason) {
		startClose(FrameEncoder.closePayload(code, reason), System.currentTimeMillis());
	}

	/**
	 * Answers the peer's close frame and closes TCP once the answer is flushed; IO
	 * thread.
	 */
	void answerClose(byte[] replyPayload) {
		startClose(replyPayload, System.currentTimeMillis());
		this.net.closeAfterSend();
	}

	/** Runs {@code task} on the IO thread: now if this is it, else queued. */
	void onLoop(Runnable task) {
		if (this.net.manager().inLoop()) {
			task.run();
		}
		else {
			this.net.manager().execute(() -> {
				if (!this.net.isClosed()) {
					task.run();
				}
			});
		}
	}

	@Override
	public String toString() {
		return "WebSocket " + this.connection;
	}

}
