package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * JSON in and out through Boot's {@code JsonMapper}, isolated here so that the routes
 * work (without JSON) when Jackson is not on the class path.
 */
interface JsonCodec {

	String JSON = "application/json";

	byte[] write(Object value);

	/**
	 * Reads {@code body} as {@code type}.
	 * @throws IllegalArgumentException with a message for the client if it does not read
	 */
	Object read(byte[] body, Type type);

	/** Boot's {@code JsonMapper} bean, or {@code null} without Jackson or the bean. */
	static @Nullable JsonCodec find(ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", JsonCodec.class.getClassLoader())) {
			return null;
		}
		return JacksonCodec.find(beanFactory);
	}

	/**
	 * Whether a {@code Content-Type} is JSON: {@code application/json} or {@code +json}.
	 */
	static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
		return type.equalsIgnoreCase(JSON) || (type.regionMatches(true, 0, "application/", 0, 12)
				&& type.regionMatches(true, type.length() - 5, "+json", 0, 5));
	}

}
