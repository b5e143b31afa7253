package io.mongoose.net;

/**
 * Core events delivered to a connection's {@link EventHandler}, with the type of the
 * {@code data} argument each one carries (the table of the original's {@code event.h}).
 */
public enum Event {

	/**
	 * A listener accepted this connection. Data: the peer's {@code InetSocketAddress}.
	 */
	ACCEPT,

	/**
	 * An outbound connect finished. Data: {@code Integer}, 0 on success, else an error
	 * code.
	 */
	CONNECT,

	/** Bytes were appended to the receive buffer. Data: {@code Integer}, how many. */
	RECV,

	/** Bytes from the send queue reached the socket. Data: {@code Integer}, how many. */
	SEND,

	/**
	 * Sent to every connection on each poll. Data: {@code Long}, the time in epoch
	 * millis.
	 */
	POLL,

	/**
	 * The connection's timer expired (it is cleared first). Data: {@code Long}, its
	 * deadline.
	 */
	TIMER,

	/** The connection is closed and about to be forgotten. Data: {@code null}. */
	CLOSE

}
