package io.mongoose.boot.autoconfigure.route;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.Reply;
import io.mongoose.boot.route.MongooseException;

/**
 * Writes what a route method returned: a {@code String} as UTF-8 text, a {@code byte[]}
 * as octets, a {@link Result} as is, a {@link Reply} with its own status and headers,
 * nothing ({@code void}, {@code null}) as {@code 204} unless the method replied itself
 * through the {@code Connection}, an empty {@code Optional} as {@code 404}, any other
 * object as JSON; with the method's {@code @Status} (else {@code 200}). A
 * {@code CompletionStage} is handled by the caller.
 */
final class ReturnValues {

	private static final String TEXT = "text/plain; charset=utf-8";

	private static final String OCTETS = "application/octet-stream";

	/** Nothing returned: the method replied itself, else {@code 204}. */
	private static final Handler NO_CONTENT = (c) -> {
		if (c.statusCode() == 0) {
			c.sendStatus(204); // no body, and no Content-Length on a 204
		}
		return Result.DONE;
	};

	private final int status;

	private final @Nullable JsonCodec json;

	/**
	 * @param type the method's return type, checked now: one that needs JSON without
	 * Jackson fails start-up
	 */
	ReturnValues(int status, ResolvableType type, @Nullable JsonCodec json) {
		this.status = status;
		this.json = json;
		if (json == null && needsJson(type)) {
			throw new IllegalArgumentException("it returns " + type
					+ ", written as JSON, which needs Jackson and its JsonMapper bean (spring-boot-starter-jackson)");
		}
	}

	static boolean isAsync(Class<?> type) {
		return CompletionStage.class.isAssignableFrom(type);
	}

	private static boolean needsJson(ResolvableType type) {
		Class<?> raw = type.toClass();
		if (isAsync(raw) || raw == Optional.class) {
			return needsJson(type.as((raw == Optional.class) ? Optional.class : CompletionStage.class).getGeneric(0));
		}
		return raw != Object.class && raw != void.class && raw != Void.class && raw != String.class
				&& raw != byte[].class && raw != Result.class && raw != Reply.class && raw != CharSequence.class;
	}

	/**
	 * The reply for {@code value}, rendered now (on the calling thread) and written by
	 * the handler returned.
	 */
	Handler replyFor(@Nullable Object value) {
		if (value instanceof Optional<?> optional) {
			if (optional.isEmpty()) {
				throw new MongooseException(404, null);
			}
			return replyFor(optional.get());
		}
		if (value == null) {
			return NO_CONTENT;
		}
		if (value instanceof Result result) {
			return (c) -> result;
		}
		if (value instanceof Reply reply) {
			return (c) -> {
				c.send(reply); // false: it did not fit the send queue, and the request
								// gets a 500
				return Result.DONE;
			};
		}
		String type;
		byte[] body;
		if (value instanceof CharSequence text) {
			type = TEXT;
			body = text.toString().getBytes(StandardCharsets.UTF_8);
		}
		else if (value instanceof byte[] bytes) {
			type = OCTETS;
			body = bytes;
		}
		else if (this.json != null) {
			type = JsonCodec.JSON;
			body = this.json.write(value);
		}
		else {
			throw new IllegalStateException("cannot write a " + value.getClass().getName() + " without Jackson");
		}
		int status = this.status;
		return (c) -> {
			c.sendReply(status, type, body);
			return Result.DONE;
		};
	}

}
