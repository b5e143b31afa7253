package io.mongoose.ws;

import java.lang.System.Logger.Level;

import io.mongoose.Handler;
import io.mongoose.WebSocketHandler;
import io.mongoose.http.HttpSettings;
import io.mongoose.net.Event;
import io.mongoose.net.EventHandler;
import io.mongoose.net.NetConnection;

/**
 * RFC 6455 on the event loop for every upgraded connection (the state of each is its
 * {@link WebSocketSession}): decodes frames straight out of the receive buffer, answers
 * pings, completes closing handshakes, fails the connection with the right close code,
 * hands data frames (or whole messages) to the URI handler and pings idle peers.
 */
final class WebSocketProtocol implements EventHandler {

	private static final System.Logger log = System.getLogger(WebSocketProtocol.class.getName());

	private final WebSocketSettings settings;

	private final HttpSettings httpSettings;

	WebSocketProtocol(WebSocketSettings settings, HttpSettings httpSettings) {
		this.settings = settings;
		this.httpSettings = httpSettings;
	}

	@Override
	public void onEvent(NetConnection net, Event event, Object data) {
		if (!(net.attachment() instanceof io.mongoose.http.HttpConnection c)
				|| !(c.upgradeState() instanceof WebSocketSession s)) {
			return;
		}
		switch (event) {
			case RECV -> {
				s.lastRecvMillis = net.lastIoMillis();
				process(s);
			}
			case SEND -> process(s);
			case POLL -> poll(s, (Long) data);
			case CLOSE -> closed(s);
			default -> {
			}
		}
	}

	/** Decodes and handles every complete frame in the receive buffer; IO thread. */
	void process(WebSocketSession s) {
		NetConnection net = s.net;
		byte[] buf = net.recvArray();
		int length = net.recvLength();
		int pos = 0;
		while (pos < length && !net.isClosed()) {
			if (s.discardInput || (net.isClosing() && !s.closeSent)) {
				pos = length;
				break;
			}
			if (!s.closeSent && net.queuedBytes() > net.sendLimit() / 2) {
				break; // back-pressure: resumed by SEND once the peer reads
			}
			pos += s.decoder.decode(buf, pos, length - pos);
			if (s.decoder.hasError()) {
				s.discardInput = true;
				s.releaseBuffered();
				fail(s, s.decoder.errorCode());
				pos = length;
				break;
			}
			if (!s.decoder.hasFrame()) {
				break;
			}
			onFrame(s, s.decoder.firstByte(), s.decoder.payload());
			if (!s.assembler.holdsFragments()) {
				s.releaseBuffered(); // the frame was handed on or dropped
			}
		}
		net.consume(pos);
	}

	private void onFrame(WebSocketSession s, int received, byte[] wire) {
		int firstByte = received;
		byte[] payload = wire;
		int opcode = firstByte & WebSocketOpcodes.MASK_OPCODE;
		if (s.closeSent) {
			if (opcode == WebSocketOpcodes.CLOSE) {
				s.net.closeAfterSend(); // the peer answered our close: handshake complete
			}
			return;
		}
		if (s.inflater != null && !WebSocketOpcodes.isControl(opcode)) {
			if (opcode != WebSocketOpcodes.CONTINUATION) {
				s.inflating = (firstByte & WebSocketOpcodes.FLAG_RSV1) != 0;
			}
			if (s.inflating) {
				boolean fin = (firstByte & WebSocketOpcodes.FLAG_FIN) != 0;
				s.inflating = !fin;
				payload = s.inflate(payload, fin);
				if (payload == null) {
					fail(s, s.inflater.errorCode());
					return;
				}
				firstByte &= ~WebSocketOpcodes.FLAG_RSV1; // handlers see the message as
															// sent
			}
		}
		int result = s.assembler.onFrame(firstByte, payload);
		if (result == MessageAssembler.NEED_MORE) {
			return;
		}
		if (result != MessageAssembler.DELIVER) {
			fail(s, result);
			return;
		}
		byte[] data = s.assembler.payload();
		switch (s.assembler.opcode()) {
			case WebSocketOpcodes.PING -> s.sendControl(WebSocketOpcodes.PONG, data);
			case WebSocketOpcodes.PONG -> {
			}
			case WebSocketOpcodes.CLOSE -> {
				int error = ClosePayload.check(data);
				if (error != 0) {
					fail(s, error);
					s.net.closeAfterSend(); // the peer has closed already: no answer will
											// come
				}
				else {
					s.answerClose(ClosePayload.reply(data));
				}
			}
			default -> deliver(s, s.assembler.firstByte(), data);
		}
	}

	private void deliver(WebSocketSession s, int wsBits, byte[] data) {
		s.connection.setContent(data, wsBits);
		Handler.Result result;
		try {
			result = s.handler.handle(s.connection);
		}
		catch (Throwable ex) {
			log.log(Level.ERROR, "WebSocket handler failed on " + s.connection + ", closing with 1011", ex);
			s.startClose(CloseCodes.INTERNAL_ERROR, "handler failed");
			return;
		}
		if (result == Handler.Result.CLOSE) {
			s.startClose(CloseCodes.NORMAL, "");
		}
	}

	private static void fail(WebSocketSession s, int code) {
		log.log(Level.DEBUG, () -> s + ": failing with " + code);
		s.startClose(code, reasonOf(code));
	}

	private static String reasonOf(int code) {
		return switch (code) {
			case CloseCodes.PROTOCOL_ERROR -> "protocol error";
			case CloseCodes.INVALID_PAYLOAD -> "invalid UTF-8 or deflate data";
			case CloseCodes.POLICY_VIOLATION -> "server buffers full";
			case CloseCodes.MESSAGE_TOO_BIG -> "message too big";
			default -> "";
		};
	}

	private void poll(WebSocketSession s, long now) {
		NetConnection net = s.net;
		long idle = this.httpSettings.idleTimeoutMillis;
		if (s.closeSent) {
			long quietSince = Math.max(Math.max(s.lastRecvMillis, s.closeSentAt), net.lastIoMillis());
			if ((!net.hasPendingOutput() && now - quietSince >= this.settings.closeQuietMillis)
					|| now - s.closeSentAt >= this.settings.closeTimeoutMillis) {
				net.closeAfterSend();
			}
			if (net.hasPendingOutput() && now - net.lastIoMillis() > idle) {
				net.closeNow(); // the peer stopped reading: give up on the close frame
			}
			return;
		}
		if (net.recvLength() > 0 && !net.isClosing()) {
			process(s); // input held back by back-pressure
		}
		long ping = this.settings.pingIntervalMillis;
		if (ping <= 0) {
			if (now - net.lastIoMillis() > idle) {
				net.closeNow();
			}
		}
		else if (now - s.lastRecvMillis > 2 * ping + idle) {
			log.log(Level.DEBUG, () -> s + ": no answer to pings for " + (now - s.lastRecvMillis) + " ms, closing");
			net.closeNow();
		}
		else if (now - net.lastIoMillis() >= ping && !net.hasPendingOutput()) {
			s.ping();
		}
	}

	private static void closed(WebSocketSession s) {
		s.closeSent = true;
		s.releaseBuffered();
		s.releaseCompression();
		if (s.handler instanceof WebSocketHandler handler) {
			try {
				handler.onClose(s.connection);
			}
			catch (RuntimeException ex) {
				log.log(Level.WARNING, "onClose failed for " + s.connection, ex);
			}
		}
	}

}
