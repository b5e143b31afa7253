package io.mongoose.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Native-image hints for what the starter loads reflectively: the classes it lists in
 * {@code META-INF/spring.factories} (failure analyzers, the test web server provider),
 * which Spring instantiates by name. Beans, {@code @ConfigurationProperties} and Actuator
 * endpoints get their hints from Spring's own AOT processing.
 */
class MongooseRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] FACTORIES = { "io.mongoose.boot.autoconfigure.MongoosePortInUseFailureAnalyzer",
			"io.mongoose.boot.autoconfigure.MongooseWebServerConflictFailureAnalyzer",
			"io.mongoose.boot.test.MongooseLocalTestWebServerProvider" };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String type : FACTORIES) {
			hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		hints.resources().registerPattern("META-INF/spring.factories");
	}

}
