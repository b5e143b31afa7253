package io.mongoose.ws;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import io.mongoose.ClientWebSocket;
import io.mongoose.net.Event;
import io.mongoose.net.EventHandler;
import io.mongoose.net.NetConnection;

/**
 * The client side of one WebSocket after its handshake (RFC 6455), on the server's frame
 * code: {@link FrameDecoder} in client mode (server frames must not be masked), the
 * {@link MessageAssembler} (fragments, UTF-8, size), {@link ClosePayload}; frames sent
 * are masked with a fresh key each (§5.3). Answers pings, completes the closing handshake
 * either way, and fails the connection with 1002, 1007 or 1009. Sending is safe from any
 * thread; everything else runs on the IO thread.
 */
public final class ClientWebSocketSession implements EventHandler, ClientWebSocket {

	private static final System.Logger log = System.getLogger(ClientWebSocketSession.class.getName());

	/** How long to wait for the server's close frame (and its closing) after ours. */
	private static final long CLOSE_TIMEOUT_MILLIS = 5000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final NetConnection net;

	private final Listener listener;

	private final FrameDecoder decoder;

	private final MessageAssembler assembler;

	/** Our close frame is queued: nothing may follow it. Guarded by {@code this}. */
	private boolean closeSent;

	/** A fragmented message is being sent. Guarded by {@code this}. */
	private boolean sendingFragments;

	private volatile long closeSentAt;

	/** The close code and reason to report; set once, by the first of the two sides. */
	private int closeCode = CloseCodes.ABNORMAL;

	private String closeReason = "";

	private boolean reported;

	/**
	 * @param maxMessageSize largest message (and frame) accepted; more fails with 1009
	 */
	public ClientWebSocketSession(NetConnection net, Listener listener, long maxMessageSize) {
		this.net = net;
		this.listener = listener;
		this.decoder = new FrameDecoder(
				(int) Math.max(FrameEncoder.MAX_CONTROL_PAYLOAD, Math.min(maxMessageSize, Integer.MAX_VALUE - 8)),
				BufferGrant.UNLIMITED, false);
		this.assembler = new MessageAssembler(true, maxMessageSize);
	}

	/**
	 * Takes over the connection: tells the listener, then reads what followed the
	 * handshake; IO thread.
	 */
	public void start() {
		this.net.setHandler(this);
		this.net.attach(this);
		try {
			this.listener.onOpen(this);
		}
		catch (RuntimeException ex) {
			listenerFailed("onOpen", ex);
		}
		process();
	}

	@Override
	public void onEvent(NetConnection connection, Event event, Object data) {
		switch (event) {
			case RECV -> process();
			case POLL -> {
				long sent = this.closeSentAt;
				if (sent != 0 && (Long) data - sent >= CLOSE_TIMEOUT_MILLIS) {
					log.log(Level.DEBUG, () -> this + ": no close from the server within 5 s, closing");
					this.net.closeNow();
				}
			}
			case CLOSE -> report();
			default -> {
			}
		}
	}

	private void process() {
		byte[] buf = this.net.recvArray();
		int length = this.net.recvLength();
		int pos = 0;
		while (pos < length && !this.net.isClosed() && !this.net.isClosing()) {
			pos += this.decoder.decode(buf, pos, length - pos);
			if (this.decoder.hasError()) {
				fail(this.decoder.errorCode());
				pos = length;
				break;
			}
			if (!this.decoder.hasFrame()) {
				break;
			}
			onFrame(this.decoder.firstByte(), this.decoder.payload());
		}
		this.net.consume(pos);
	}

	private void onFrame(int firstByte, byte[] payload) {
		int opcode = firstByte & WebSocketOpcodes.MASK_OPCODE;
		int result = this.assembler.onFrame(firstByte, payload);
		if (result == MessageAssembler.NEED_MORE) {
			return;
		}
		if (result != MessageAssembler.DELIVER) {
			fail(result);
			return;
		}
		byte[] data = this.assembler.payload();
		try {
			switch (opcode) {
				case WebSocketOpcodes.PING -> sendFrame(WebSocketOpcodes.PONG, true, data, false);
				case WebSocketOpcodes.PONG -> this.listener.onPong(this, data);
				case WebSocketOpcodes.CLOSE -> closeReceived(data);
				default -> {
					if (this.assembler.opcode() == WebSocketOpcodes.TEXT) {
						this.listener.onText(this, new String(data, StandardCharsets.UTF_8));
					}
					else {
						this.listener.onBinary(this, data);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			listenerFailed("a callback", ex);
		}
	}

	private void closeReceived(byte[] payload) {
		int error = ClosePayload.check(payload);
		if (error != 0) {
			fail(error);
			return;
		}
		setOutcome(ClosePayload.code(payload), ClosePayload.reason(payload));
		synchronized (this) {
			if (!this.closeSent) {
				this.closeSent = true;
				this.net.writeShared(frame(WebSocketOpcodes.CLOSE, true, ClosePayload.reply(payload)));
			}
		}
		this.net.closeAfterSend(); // the handshake is complete both ways
	}

	/** Fails the connection: our close frame with {@code code}, then the socket. */
	private void fail(int code) {
		String reason = switch (code) {
			case CloseCodes.PROTOCOL_ERROR -> "protocol error";
			case CloseCodes.INVALID_PAYLOAD -> "invalid UTF-8";
			case CloseCodes.MESSAGE_TOO_BIG -> "message too big";
			default -> "";
		};
		log.log(Level.DEBUG, () -> this + ": failing with " + code + " (" + reason + ")");
		setOutcome(code, reason);
		synchronized (this) {
			if (!this.closeSent) {
				this.closeSent = true;
				this.net.writeShared(frame(WebSocketOpcodes.CLOSE, true, FrameEncoder.closePayload(code, reason)));
			}
		}
		this.net.closeAfterSend();
	}

	private void setOutcome(int code, String reason) {
		if (this.closeCode == CloseCodes.ABNORMAL) {
			this.closeCode = code;
			this.closeReason = reason;
		}
	}

	private void report() {
		if (this.reported) {
			return;
		}
		this.reported = true;
		synchronized (this) {
			this.closeSent = true;
		}
		try {
			this.listener.onClose(this, this.closeCode, this.closeReason);
		}
		catch (RuntimeException ex) {
			listenerFailed("onClose", ex);
		}
	}

	private void listenerFailed(String callback, RuntimeException ex) {
		log.log(Level.ERROR, "WebSocket listener failed in " + callback + " on " + this + ", closing with 1011", ex);
		close(CloseCodes.INTERNAL_ERROR, "listener failed");
	}

	// ---- sending, any thread
	// -----------------------------------------------------------------------

	@Override
	public boolean sendText(String text) {
		return sendText(text, true);
	}

	@Override
	public boolean sendBinary(byte[] data) {
		return sendBinary(data, true);
	}

	@Override
	public boolean sendText(String text, boolean last) {
		return sendData(WebSocketOpcodes.TEXT, text.getBytes(StandardCharsets.UTF_8), last);
	}

	@Override
	public boolean sendBinary(byte[] data, boolean last) {
		return sendData(WebSocketOpcodes.BINARY, data, last);
	}

	private synchronized boolean sendData(int opcode, byte[] data, boolean last) {
		int wire = this.sendingFragments ? WebSocketOpcodes.CONTINUATION : opcode;
		if (!sendFrame(wire, last, data, true)) {
			return false;
		}
		this.sendingFragments = !last;
		return true;
	}

	@Override
	public boolean ping(byte[] payload) {
		if (payload.length > FrameEncoder.MAX_CONTROL_PAYLOAD) {
			throw new IllegalArgumentException("a ping carries at most 125 bytes, got " + payload.length);
		}
		return sendFrame(WebSocketOpcodes.PING, true, payload, true);
	}

	@Override
	public boolean close(int code, String reason) {
		byte[] payload = FrameEncoder.closePayload(code, reason);
		synchronized (this) {
			if (this.closeSent || this.net.isClosed()) {
				return false;
			}
			this.closeSent = true;
			this.closeSentAt = System.currentTimeMillis();
			return this.net.writeShared(frame(WebSocketOpcodes.CLOSE, true, payload)) > 0;
		}
	}

	@Override
	public synchronized boolean isOpen() {
		return !this.closeSent && !this.net.isClosed() && !this.net.isClosing();
	}

	private synchronized boolean sendFrame(int opcode, boolean fin, byte[] payload, boolean checkOpen) {
		if (this.closeSent || this.net.isClosed() || (checkOpen && this.net.isClosing())) {
			return false;
		}
		return this.net.writeShared(frame(opcode, fin, payload)) > 0;
	}

	private static byte[] frame(int opcode, boolean fin, byte[] payload) {
		byte[] mask = new byte[4];
		RANDOM.nextBytes(mask);
		return FrameEncoder.encodeMasked(opcode, fin, payload, 0, payload.length, mask);
	}

	@Override
	public String toString() {
		return "WebSocket client " + this.net;
	}

}
