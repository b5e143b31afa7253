package io.mongoose.boot.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongooseRuntimeHints}: every class of {@code spring.factories} can be
 * instantiated in a native image, and the registrar is found through
 * {@code aot.factories}.
 */
class MongooseRuntimeHintsTests {

	@Test
	void everySpringFactoriesClassHasAConstructorHint() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new MongooseRuntimeHints().registerHints(hints, getClass().getClassLoader());
		String factories;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			factories = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		long listed = Arrays.stream(factories.split("[=,\\\\\\s]+"))
			.filter((name) -> name.startsWith("io.mongoose."))
			.peek((name) -> assertThat(RuntimeHintsPredicates.reflection()
				.onType(org.springframework.aot.hint.TypeReference.of(name))
				.test(hints)).as(name).isTrue())
			.count();
		assertThat(listed).isEqualTo(MongooseRuntimeHints.FACTORIES.length);
	}

	@Test
	void registrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(org.springframework.aot.hint.RuntimeHintsRegistrar.class))
			.anyMatch(MongooseRuntimeHints.class::isInstance);
	}

}
