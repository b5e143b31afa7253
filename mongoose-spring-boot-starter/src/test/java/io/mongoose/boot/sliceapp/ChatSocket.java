package io.mongoose.boot.sliceapp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.mongoose.Connection;
import io.mongoose.WebSocketHandler;
import io.mongoose.WebSocketOpcode;
import io.mongoose.boot.UriHandler;

/** Says hello, echoes text, and closes with 4000 on {@code bye}. */
@UriHandler("/ws/chat")
public class ChatSocket implements WebSocketHandler {

	@Override
	public void onOpen(Connection connection) {
		connection.websocketWrite("welcome");
	}

	@Override
	public void onText(Connection connection, String text) {
		if (!text.equals("bye")) {
			connection.websocketWrite("echo: " + text);
			return;
		}
		byte[] reason = "see you".getBytes(StandardCharsets.UTF_8);
		connection.websocketWrite(WebSocketOpcode.CLOSE.code(),
				ByteBuffer.allocate(2 + reason.length).putShort((short) 4000).put(reason).array());
	}

}
