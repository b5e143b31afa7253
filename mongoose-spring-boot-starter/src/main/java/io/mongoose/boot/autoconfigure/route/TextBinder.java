package io.mongoose.boot.autoconfigure.route;

import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

import io.mongoose.Connection;
import io.mongoose.boot.route.MongooseException;

/**
 * Binds a path variable, query parameter or header field: the request's text converted to
 * the parameter's type; absent, the default or {@code null} (an empty {@code Optional}),
 * or a {@code 400} when required.
 */
final class TextBinder implements ParameterBinder {

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final String kind;

	private final String name;

	private final BiFunction<Connection, String, @Nullable String> source;

	private final boolean required;

	private final @Nullable String defaultValue;

	private final TypeDescriptor target;

	private final ConversionService conversions;

	TextBinder(String kind, String name, BiFunction<Connection, String, @Nullable String> source, boolean required,
			@Nullable String defaultValue, MethodParameter parameter, ConversionService conversions) {
		this.kind = kind;
		this.name = name;
		this.source = source;
		this.required = required && defaultValue == null && parameter.getParameterType() != Optional.class;
		this.defaultValue = defaultValue;
		this.target = new TypeDescriptor(parameter);
		this.conversions = conversions;
		if (!this.required && defaultValue == null && parameter.getParameterType().isPrimitive()) {
			throw new IllegalArgumentException(kind + " '" + name + "' is optional but bound to a primitive "
					+ parameter.getParameterType() + ": use its wrapper type or give a default value");
		}
		if (!conversions.canConvert(STRING, this.target)) {
			throw new IllegalArgumentException(
					"no conversion from a String to " + this.target + " for " + kind + " '" + name + "'");
		}
	}

	String name() {
		return this.name;
	}

	@Override
	public @Nullable Object bind(Connection connection) {
		String text = this.source.apply(connection, this.name);
		if (text == null) {
			text = this.defaultValue;
		}
		if (text == null && this.required) {
			throw new MongooseException(400, this.kind + " '" + this.name + "' is missing");
		}
		try {
			return this.conversions.convert(text, STRING, this.target);
		}
		catch (ConversionException ex) {
			throw new MongooseException(400, this.kind + " '" + this.name + "': '" + abbreviate(text) + "' is not a "
					+ this.target.getType().getSimpleName(), ex);
		}
	}

	/** A client's text in a reply: bounded, so a huge value does not come back whole. */
	private static @Nullable String abbreviate(@Nullable String text) {
		return (text == null || text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}
