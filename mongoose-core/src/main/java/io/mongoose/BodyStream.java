package io.mongoose;

/**
 * One request's body as a {@link BodyHandler} takes it: its progress, a slot for the
 * handler's state of this request, and {@link #resume()} for a handler that paused.
 */
public interface BodyStream {

	/** The request this body belongs to. */
	Connection connection();

	/** Decoded body bytes handed to the handler so far. */
	long received();

	/** The handler's state of this request (a file being written), or {@code null}. */
	Object attachment();

	void attach(Object state);

	/**
	 * Reads on after {@link BodyHandler#onBodyChunk} returned false; safe from any
	 * thread, also before the call that paused returned. A no-op once the body is over.
	 */
	void resume();

}
