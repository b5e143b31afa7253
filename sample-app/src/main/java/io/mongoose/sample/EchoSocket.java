package io.mongoose.sample;

import io.mongoose.Connection;
import io.mongoose.WebSocketHandler;
import io.mongoose.boot.UriHandler;

/** Sends every text or binary message back unchanged. */
@UriHandler("/ws/echo")
class EchoSocket implements WebSocketHandler {

	@Override
	public Result handle(Connection c) {
		c.websocketWrite(c.wsBits() & 0x0F, c.content());
		return Result.DONE;
	}

}
