package io.mongoose.sample;

import io.mongoose.Connection;
import io.mongoose.WebSocketHandler;
import io.mongoose.WebSocketOpcode;
import io.mongoose.boot.UriHandler;

/** Sends every text or binary message back unchanged. */
@UriHandler("/ws/echo")
class EchoSocket implements WebSocketHandler {

	@Override
	public void onText(Connection c, String text) {
		c.websocketWrite(text);
	}

	@Override
	public void onBinary(Connection c, byte[] data) {
		c.websocketWrite(WebSocketOpcode.BINARY.code(), data);
	}

}
