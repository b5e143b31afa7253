package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Every option the server takes has its row in the option reference, docs/OPTIONS.md. */
class OptionsDocumentedTest {

	@Test
	void everyOptionHasARowInTheReference() throws Exception {
		String reference = Files.readString(Path.of("..", "docs", "OPTIONS.md"));
		assertThat(Options.DEFAULTS.keySet()).allSatisfy(
				(name) -> assertThat(reference).as("docs/OPTIONS.md row for " + name).contains("| `" + name + "` |"));
	}

}
