package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;
import io.mongoose.boot.route.MongooseException;

/**
 * Binds the request body: bytes, UTF-8 text, or JSON read as the parameter's type (then
 * only from a JSON {@code Content-Type}: a cross-site form or a "simple" fetch cannot
 * send one without a CORS preflight, which stops request forgery).
 */
final class BodyBinder implements ParameterBinder {

	private final Class<?> rawType;

	private final Type type;

	private final boolean required;

	private final @Nullable JsonCodec json;

	BodyBinder(Class<?> rawType, Type type, boolean required, @Nullable JsonCodec json) {
		this.rawType = rawType;
		this.type = type;
		this.required = required;
		this.json = json;
		if (json == null && !isRaw(rawType)) {
			throw new IllegalArgumentException("a @Body of type " + type.getTypeName()
					+ " is read as JSON, which needs Jackson and its JsonMapper bean (spring-boot-starter-jackson)");
		}
	}

	static boolean isRaw(Class<?> type) {
		return type == byte[].class || type == String.class;
	}

	@Override
	public @Nullable Object bind(Connection connection) {
		byte[] body = connection.content();
		if (body.length == 0) {
			if (this.required) {
				throw new MongooseException(400, "the request has no body");
			}
			return null;
		}
		if (this.rawType == byte[].class) {
			return body;
		}
		if (this.rawType == String.class) {
			return new String(body, StandardCharsets.UTF_8);
		}
		if (!JsonCodec.isJson(connection.getHeader("Content-Type"))) {
			throw new MongooseException(415, "send the body as Content-Type: application/json");
		}
		try {
			return this.json.read(body, this.type);
		}
		catch (IllegalArgumentException ex) {
			throw new MongooseException(400, "the body is not the JSON this request takes (" + ex.getMessage() + ")",
					ex);
		}
	}

}
