package io.mongoose.http;

import io.mongoose.Handler;

/**
 * Takes over a connection whose request asks for a protocol upgrade (WebSocket). The HTTP
 * layer calls it instead of dispatching the request.
 */
@FunctionalInterface
public interface Upgrader {

	/**
	 * Answer the upgrade request: switch the connection over, or reply with an error.
	 * @param handler the {@code WebSocketHandler} owning the URI, or {@code null}
	 */
	void upgrade(HttpConnection connection, Handler handler);

}
