package io.mongoose.boot.autoconfigure.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;

/**
 * Native-image hints for the {@code mongoose} endpoint: its operation is invoked
 * reflectively and its descriptors are written by Jackson.
 */
class MongooseEndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, MongooseEndpoint.class);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				MongooseEndpoint.MongooseDescriptor.class);
	}

}
