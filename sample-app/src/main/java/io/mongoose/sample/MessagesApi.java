package io.mongoose.sample;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.UriHandler;

/**
 * {@code GET /api/messages} lists the recent chat messages; {@code POST /api/messages}
 * with {@code {"text": "...", "user": "..."}} posts one (201), broadcast to the chat. A
 * body that is not {@code application/json} is a 415, invalid input a 400, each with a
 * JSON error. The messages are in the database, so the handler is blocking: it runs on a
 * {@code mongoose-worker} thread, never on the IO thread.
 */
@UriHandler(value = "/api/messages", blocking = true)
class MessagesApi implements Handler {

	private static final Log logger = LogFactory.getLog(MessagesApi.class);

	private static final String JSON = "application/json";

	private final ChatRoom room;

	private final MessageStore store;

	private final JsonMapper json;

	MessagesApi(ChatRoom room, MessageStore store, JsonMapper json) {
		this.room = room;
		this.store = store;
		this.json = json;
	}

	@Override
	public Result handle(Connection c) {
		return send(c, answer(c));
	}

	/** Reads the request; the supplier does the work, which may block. */
	private Supplier<Reply> answer(Connection c) {
		if (!c.uri().equals("/api/messages")) {
			return reply(404, new ApiError(404, "Not Found", null));
		}
		return switch (c.requestMethod()) {
			case "GET" -> () -> new Reply(200, this.store.recent(this.room.historySize()));
			case "POST" -> post(c);
			default -> reply(405, new ApiError(405, "Method Not Allowed", "use GET or POST"));
		};
	}

	private Supplier<Reply> post(Connection c) {
		if (!isJson(c.getHeader("Content-Type"))) {
			// a cross-site form or a "simple" fetch cannot send this type without a CORS
			// preflight,
			// which this server never grants: requiring it stops request forgery
			return reply(415, new ApiError(415, "Unsupported Media Type", "send Content-Type: application/json"));
		}
		NewMessage body;
		try {
			body = this.json.readValue(c.content(), NewMessage.class);
		}
		catch (JacksonException ex) {
			return reply(400, new ApiError(400, "Bad Request", "body must be JSON like {\"text\": \"hello\"}"));
		}
		String user = (body.user() == null || body.user().isBlank()) ? "api" : body.user().strip();
		String error = ChatRoom.validate(user, body.text());
		if (error != null) {
			return reply(400, new ApiError(400, "Bad Request", error));
		}
		String text = body.text().strip();
		return () -> new Reply(201, this.room.post(user, text));
	}

	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim().equalsIgnoreCase(JSON);
	}

	private static Supplier<Reply> reply(int status, Object body) {
		Reply reply = new Reply(status, body);
		return () -> reply;
	}

	/** Works out the answer and writes it. */
	private Result send(Connection c, Supplier<Reply> answer) {
		Reply reply;
		try {
			reply = answer.get();
		}
		catch (RuntimeException ex) {
			logger.warn("Messages API failed: " + ex);
			reply = new Reply(500, new ApiError(500, "Internal Server Error", null));
		}
		c.sendReply(reply.status(), JSON, this.json.writeValueAsString(reply.body()));
		return Result.DONE;
	}

	record Reply(int status, Object body) {
	}

	record NewMessage(String text, String user) {
	}

	record ApiError(int status, String error, String message) {
	}

}
