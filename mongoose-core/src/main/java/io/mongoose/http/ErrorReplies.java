package io.mongoose.http;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.Reply;
import io.mongoose.http.RequestState.Phase;

/**
 * Error replies: through the application's error handler, else a short plain-text page
 * written by the connection's {@link ReplyWriter}; and {@link #reject}, for a request
 * that cannot be read further (one INFO line, the reply, close).
 */
final class ErrorReplies {

	/**
	 * The protocol's logger: its lines keep one name however the state machine is split.
	 */
	private static final System.Logger log = System.getLogger(HttpProtocol.class.getName());

	private static final String TEXT = "Content-Type: text/plain; charset=utf-8\r\n";

	private final HttpProtocol protocol;

	private Handler errorHandler;

	ErrorReplies(HttpProtocol protocol) {
		this.protocol = protocol;
	}

	void setErrorHandler(Handler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/** Refuses a request that cannot be read further: reply, then close. */
	void reject(HttpConnection c, int status, String reason) {
		log.log(Level.INFO,
				() -> status + " " + Reply.reasonPhrase(status) + " for " + c.net.remoteAddress() + ": " + reason);
		boolean first = !c.net.isClosing(); // a timeout may fire again while the reply
											// drains
		RequestState s = c.requestState;
		c.reply.closeAfter();
		if (s.phase == Phase.HEAD) {
			s.headNanos = System.nanoTime(); // the head never completed: it ends now
		}
		if (c.request.method == null) {
			c.request.method = "GET";
			c.request.version = 11;
		}
		if (first && s.observed == null) {
			this.protocol.observers.start(c); // refused before its head was parsed
		}
		sendError(c, status, reason);
		if (first) {
			this.protocol.dispatcher.completed(c);
		}
		c.net.expectUnreadInput(); // the rest of a refused request may be on its way
		c.net.closeAfterSend();
		s.phase = Phase.HEAD;
		this.protocol.bodies.release(c);
	}

	/**
	 * Answers {@code status}: the error handler first ({@code statusCode()} names the
	 * error, {@code error()} the exception behind a 500), else the default page.
	 */
	void sendError(HttpConnection c, int status, String detail) {
		ReplyWriter reply = c.reply;
		if (reply.statusSent()) {
			reply.closeAfter();
			return;
		}
		reply.reportStatus(status);
		if (this.errorHandler != null) {
			try {
				Result result = this.errorHandler.handle(c);
				reply.flushHead();
				if (result != Result.NOT_HANDLED && reply.out.any()) {
					return;
				}
			}
			catch (Exception ex) {
				log.log(Level.ERROR, "error handler failed for " + status, ex);
				if (!reply.discard()) {
					reply.closeAfter();
					return;
				}
				reply.reportStatus(status);
			}
		}
		String body = (status >= 300 && status < 400) ? "" : status + " " + Reply.reasonPhrase(status) + "\n"
				+ ((detail != null && status < 500) ? detail + "\n" : "");
		String lines = TEXT;
		if (status == 426) { // RFC 6455 §4.4, RFC 9110 §7.8: name the protocol to upgrade
								// to
			lines += "Sec-WebSocket-Version: 13\r\nUpgrade: websocket\r\n";
			reply.offerUpgrade();
		}
		else if (status == 503) { // overload (the worker queue, an async reply): soon
									// worth
									// a retry
			lines += "Retry-After: 1\r\n";
		}
		if (!reply.head(status, lines, body.getBytes(StandardCharsets.UTF_8))) {
			c.net.closeNow();
		}
	}

}
