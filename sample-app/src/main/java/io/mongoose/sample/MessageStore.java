package io.mongoose.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

	/** Stores a message; it gets its number. */
	ChatMessage add(String user, String text, String time) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO chat_message (user_name, body, posted_at) VALUES (?, ?, ?)")
			.params(user, text, time)
			.update(keys, "id");
		return ChatMessage.of(keys.getKeyAs(Long.class), user, text, time);
	}

	Optional<ChatMessage> find(long id) {
		return this.jdbc.sql("SELECT id, user_name, body, posted_at FROM chat_message WHERE id = ?")
			.param(id)
			.query(MessageStore::message)
			.optional();
	}

	/** Whether there was such a message. */
	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM chat_message WHERE id = ?").param(id).update() > 0;
	}

	/** The last {@code limit} messages, oldest first. */
	List<ChatMessage> recent(int limit) {
		List<ChatMessage> messages = new ArrayList<>(
				this.jdbc.sql("SELECT id, user_name, body, posted_at FROM chat_message ORDER BY id DESC")
					.withMaxRows(limit)
					.query(MessageStore::message)
					.list());
		Collections.reverse(messages);
		return messages;
	}

	private static ChatMessage message(ResultSet rs, int row) throws SQLException {
		return ChatMessage.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
	}

}
