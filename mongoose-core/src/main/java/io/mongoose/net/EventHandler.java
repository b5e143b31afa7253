package io.mongoose.net;

/**
 * Receives the {@link Event events} of one connection, always on the IO thread.
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * Handle one event.
	 * @param connection the connection the event belongs to
	 * @param event what happened
	 * @param data the event's payload; its type is given on each {@link Event} constant
	 */
	void onEvent(NetConnection connection, Event event, Object data);

}
