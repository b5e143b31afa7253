package io.mongoose.sample;

/**
 * A chat message, as pushed to {@code /ws/chat} and listed by {@code GET /api/messages}.
 *
 * @param type always {@code chat}
 * @param id its number in the database ({@code GET /api/messages/{id}})
 * @param user who wrote it
 * @param text what they wrote
 * @param time server time, {@code HH:mm:ss}
 */
public record ChatMessage(String type, long id, String user, String text, String time) {

	static ChatMessage of(long id, String user, String text, String time) {
		return new ChatMessage("chat", id, user, text, time);
	}

}
