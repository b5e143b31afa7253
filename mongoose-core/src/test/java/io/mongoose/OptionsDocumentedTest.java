package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The option documentation follows the model, {@link Option#all()}: the README's option
 * table is the one generated from it (written to {@code target/options-table.md} to copy
 * from), and every option has its row with its default in docs/OPTIONS.md.
 */
class OptionsDocumentedTest {

	@Test
	void readmeTableIsTheModel() throws Exception {
		String table = generatedTable();
		Files.writeString(Path.of("target", "options-table.md"), table);
		String readme = Files.readString(Path.of("..", "README.md"));
		assertThat(readme).as("README.md option table; the expected one is in mongoose-core/target/options-table.md")
			.contains(table);
	}

	@Test
	void everyOptionHasARowWithItsDefaultInTheReference() throws Exception {
		String reference = Files.readString(Path.of("..", "docs", "OPTIONS.md"));
		for (Option option : Option.all()) {
			Matcher row = Pattern
				.compile("^\\| `" + Pattern.quote(option.name()) + "` \\| ([^\\n]*)$", Pattern.MULTILINE)
				.matcher(reference);
			assertThat(row.find()).as("docs/OPTIONS.md row for " + option).isTrue();
			assertThat(row.group(1)).as("docs/OPTIONS.md default of " + option)
				.startsWith(cell(option.documentedDefault()));
		}
	}

	@Test
	void everyOptionIsDescribed() {
		assertThat(Option.all()).allSatisfy((option) -> {
			assertThat(option.description()).as(option.name()).isNotBlank().doesNotContain("\n");
			assertThat(Server.validOptionNames()).containsEntry(option.name(), option.defaultValue());
		});
	}

	private static String generatedTable() {
		StringBuilder table = new StringBuilder("| option | default | meaning |\n|---|---|---|\n");
		for (Option option : Option.all()) {
			table.append("| `")
				.append(option.name())
				.append("` | ")
				.append(cell(option.documentedDefault()))
				.append(" | ")
				.append(cell(option.description()))
				.append(" |\n");
		}
		return table.toString();
	}

	/** A Markdown table cell: a literal bar is escaped. */
	private static String cell(String text) {
		return text.replace("|", "\\|");
	}

}
