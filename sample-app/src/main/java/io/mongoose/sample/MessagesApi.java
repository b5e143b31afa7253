package io.mongoose.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Qualifier;

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
 * Errors are {@code ProblemDetail} JSON. The messages are in the database: the work is
 * done on the {@code sample-db} thread, and each route replies when it is done.
 */
@UriHandler("/api/messages")
class MessagesApi {

	private final ChatRoom room;

	private final MessageStore store;

	private final Executor db;

	MessagesApi(ChatRoom room, MessageStore store, @Qualifier("sampleDbExecutor") Executor db) {
		this.room = room;
		this.store = store;
		this.db = db;
	}

	@Get
	CompletionStage<List<ChatMessage>> list() {
		return onDb(() -> this.store.recent(this.room.historySize()));
	}

	@Get("/{id}")
	CompletionStage<ChatMessage> get(@PathVar long id) {
		return onDb(() -> this.store.find(id).orElseThrow(() -> notFound(id)));
	}

	@Post
	@Status(201)
	CompletionStage<ChatMessage> post(@Valid @Body NewMessage message) {
		String user = (message.user() == null || message.user().isBlank()) ? "api" : message.user().strip();
		return onDb(() -> this.room.post(user, message.text().strip()));
	}

	@Delete("/{id}")
	CompletionStage<Void> delete(@PathVar long id) {
		return onDb(() -> {
			if (!this.room.delete(id)) {
				throw notFound(id);
			}
			return null; // 204
		});
	}

	/** A full queue is refused at once: the starter answers 503. */
	private <T> CompletionStage<T> onDb(Supplier<T> work) {
		return CompletableFuture.supplyAsync(work, this.db);
	}

	private static MongooseException notFound(long id) {
		return new MongooseException(404, "no message " + id);
	}

	record NewMessage(@NotBlank @Size(max = ChatRoom.MAX_TEXT) String text,
			@Size(max = ChatRoom.MAX_USER) String user) {
	}

}
