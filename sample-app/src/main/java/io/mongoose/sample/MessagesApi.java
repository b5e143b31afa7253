package io.mongoose.sample;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.mongoose.boot.UriHandler;
import io.mongoose.boot.route.Body;
import io.mongoose.boot.route.Delete;
import io.mongoose.boot.route.Get;
import io.mongoose.boot.route.MongooseException;
import io.mongoose.boot.route.PathVar;
import io.mongoose.boot.route.Post;
import io.mongoose.boot.route.Status;

/**
 * The chat's JSON API. {@code POST} takes {@code {"text": "...", "user": "..."}} and
 * broadcasts the message to the chat; only {@code application/json} bodies are read, so a
 * cross-site form cannot post. {@code DELETE} is for the admin ({@link AdminSecurity}).
 * Errors are {@code ProblemDetail} JSON. The messages are in the database, so the routes
 * are blocking: they run on a {@code mongoose-worker} thread, never on the IO thread.
 */
@UriHandler(value = "/api/messages", blocking = true)
class MessagesApi {

	private final ChatRoom room;

	private final MessageStore store;

	MessagesApi(ChatRoom room, MessageStore store) {
		this.room = room;
		this.store = store;
	}

	@Get
	List<ChatMessage> list() {
		return this.store.recent(this.room.historySize());
	}

	@Get("/{id}")
	ChatMessage get(@PathVar long id) {
		return this.store.find(id).orElseThrow(() -> notFound(id));
	}

	@Post
	@Status(201)
	ChatMessage post(@Valid @Body NewMessage message) {
		String user = (message.user() == null || message.user().isBlank()) ? "api" : message.user().strip();
		return this.room.post(user, message.text().strip());
	}

	@Delete("/{id}")
	void delete(@PathVar long id) {
		if (!this.room.delete(id)) {
			throw notFound(id);
		}
	}

	private static MongooseException notFound(long id) {
		return new MongooseException(404, "no message " + id);
	}

	record NewMessage(@NotBlank @Size(max = ChatRoom.MAX_TEXT) String text,
			@Size(max = ChatRoom.MAX_USER) String user) {
	}

}
