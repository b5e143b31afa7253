package io.mongoose.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The chat history in the database ({@code schema.sql}). Every call blocks: never on the
 * IO thread.
 */
@Repository
class MessageStore {

	private final JdbcClient jdbc;

	MessageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(ChatMessage message) {
		this.jdbc.sql("INSERT INTO chat_message (user_name, body, posted_at) VALUES (?, ?, ?)")
			.params(message.user(), message.text(), message.time())
			.update();
	}

	/** The last {@code limit} messages, oldest first. */
	List<ChatMessage> recent(int limit) {
		List<ChatMessage> messages = new ArrayList<>(
				this.jdbc.sql("SELECT user_name, body, posted_at FROM chat_message ORDER BY id DESC")
					.withMaxRows(limit)
					.query((rs, row) -> ChatMessage.of(rs.getString(1), rs.getString(2), rs.getString(3)))
					.list());
		Collections.reverse(messages);
		return messages;
	}

}
