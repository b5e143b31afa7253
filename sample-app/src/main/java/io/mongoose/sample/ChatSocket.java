package io.mongoose.sample;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;

import io.mongoose.Connection;
import io.mongoose.WebSocketHandler;
import io.mongoose.boot.UriHandler;

/**
 * The chat's WebSocket: a client sends {@code {"user": "...", "text": "..."}}, every
 * client receives it as a {@link ChatMessage}. New clients get the recent messages first.
 */
@UriHandler(ChatRoom.CHAT)
class ChatSocket implements WebSocketHandler {

	private final ChatRoom room;

	private final JsonMapper json;

	private final Executor db;

	ChatSocket(ChatRoom room, JsonMapper json, @Qualifier("sampleDbExecutor") Executor db) {
		this.room = room;
		this.json = json;
		this.db = db;
	}

	@Override
	public void onOpen(Connection c) {
		this.room.recent().forEach((message) -> c.websocketWrite(this.json.writeValueAsString(message)));
		this.room.joined();
	}

	@Override
	public void onText(Connection c, String text) {
		try {
			Incoming incoming = this.json.readValue(text, Incoming.class);
			String user = (incoming.user() == null || incoming.user().isBlank()) ? "guest" : incoming.user().strip();
			if (ChatRoom.validate(user, incoming.text()) == null) {
				String message = incoming.text().strip();
				this.db.execute(() -> this.room.post(user, message)); // it stores: not on
																		// the IO thread
			}
		}
		catch (JacksonException ex) {
			// not a chat message: ignore it (binary messages are ignored too)
		}
		catch (RejectedExecutionException ex) {
			// the database is that far behind: drop the message rather than queue without
			// end
		}
	}

	@Override
	public void onClose(Connection c) {
		this.room.left();
	}

	record Incoming(String user, String text) {
	}

}
