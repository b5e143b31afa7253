package io.mongoose.boot.autoconfigure;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Lets Spring Boot's {@code server.compression.*} configure Mongoose, as it configures
 * Tomcat: each of {@code enabled}, {@code mime-types} and {@code min-response-size} that
 * {@code mongoose.compression.*} leaves unset is taken from it.
 */
final class ServerCompression {

	private ServerCompression() {
	}

	/**
	 * Fill in {@code compression} from {@code server.compression.*} where
	 * {@code mongoose.compression.*} is unset.
	 * @param environment the environment
	 * @param compression the bound Mongoose properties
	 */
	static void fallBack(Environment environment, CompressionProperties compression) {
		Binder binder = Binder.get(environment);
		if (unset(binder, "enabled")) {
			binder.bind("server.compression.enabled", Boolean.class).ifBound(compression::setEnabled);
		}
		if (unset(binder, "mime-types")) {
			binder.bind("server.compression.mime-types", Bindable.listOf(String.class))
				.ifBound(compression::setMimeTypes);
		}
		if (unset(binder, "min-response-size")) {
			binder.bind("server.compression.min-response-size", DataSize.class)
				.ifBound(compression::setMinResponseSize);
		}
	}

	private static boolean unset(Binder binder, String property) {
		return !binder.bind("mongoose.compression." + property, String.class).isBound();
	}

}
