package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;

/** {@link JsonCodec} over Boot's {@link JsonMapper} bean. */
final class JacksonCodec implements JsonCodec {

	private final JsonMapper mapper;

	private JacksonCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	static @Nullable JsonCodec find(ListableBeanFactory beanFactory) {
		JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class).getIfAvailable();
		return (mapper != null) ? new JacksonCodec(mapper) : null;
	}

	@Override
	public byte[] write(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	@Override
	public Object read(byte[] body, Type type) {
		try {
			return this.mapper.readValue(body, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			// where, never the parser's words: they name the application's classes
			TokenStreamLocation at = ex.getLocation();
			throw new IllegalArgumentException((at != null && at.getLineNr() > 0)
					? "at line " + at.getLineNr() + ", column " + at.getColumnNr() : "unreadable", ex);
		}
	}

}
