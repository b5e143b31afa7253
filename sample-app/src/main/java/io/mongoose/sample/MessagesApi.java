package io.mongoose.sample;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.UriHandler;

/**
 * {@code GET /api/messages} lists the recent chat messages; {@code POST /api/messages} with
 * {@code {"text": "...", "user": "..."}} posts one (201), broadcast to the chat. A body that is
 * not {@code application/json} is a 415, invalid input a 400, each with a JSON error.
 */
@UriHandler("/api/messages")
class MessagesApi implements Handler {

	private static final String JSON = "application/json";

	private final ChatRoom room;

	private final JsonMapper json;

	MessagesApi(ChatRoom room, JsonMapper json) {
		this.room = room;
		this.json = json;
	}

	@Override
	public Result handle(Connection c) {
		if (!c.uri().equals("/api/messages")) {
			return reply(c, 404, new ApiError(404, "Not Found", null));
		}
		return switch (c.requestMethod()) {
			case "GET" -> reply(c, 200, this.room.recent());
			case "POST" -> post(c);
			default -> reply(c, 405, new ApiError(405, "Method Not Allowed", "use GET or POST"));
		};
	}

	private Result post(Connection c) {
		if (!isJson(c.getHeader("Content-Type"))) {
			// a cross-site form or a "simple" fetch cannot send this type without a CORS preflight,
			// which this server never grants: requiring it stops request forgery
			return reply(c, 415, new ApiError(415, "Unsupported Media Type", "send Content-Type: application/json"));
		}
		NewMessage body;
		try {
			body = this.json.readValue(c.content(), NewMessage.class);
		}
		catch (JacksonException ex) {
			return reply(c, 400, new ApiError(400, "Bad Request", "body must be JSON like {\"text\": \"hello\"}"));
		}
		String user = (body.user() == null || body.user().isBlank()) ? "api" : body.user().strip();
		String error = ChatRoom.validate(user, body.text());
		if (error != null) {
			return reply(c, 400, new ApiError(400, "Bad Request", error));
		}
		return reply(c, 201, this.room.post(user, body.text().strip()));
	}

	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim().equalsIgnoreCase(JSON);
	}

	private Result reply(Connection c, int status, Object body) {
		c.sendReply(status, JSON, this.json.writeValueAsString(body));
		return Result.DONE;
	}

	record NewMessage(String text, String user) {
	}

	record ApiError(int status, String error, String message) {
	}

}
