package io.mongoose.boot.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mongoose.Option;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata documents every property, and the starter README's
 * property table is the one generated from it (written to
 * {@code target/properties-table.md} to copy from).
 */
class MongoosePropertiesMetadataTests {

	/**
	 * Properties without a default in the metadata: unset or empty by default, or a
	 * default that depends on the machine (the description says it).
	 */
	private static final Set<String> WITHOUT_DEFAULT = Set.of("mongoose.access-control-list", "mongoose.extra-headers",
			"mongoose.options", "mongoose.ssl.bundle", "mongoose.ssl.certificate", "mongoose.ssl.ca-file",
			"mongoose.ssl.ciphers", "mongoose.static-files.document-root", "mongoose.static-files.hide-patterns",
			"mongoose.static-files.mime-types", "mongoose.static-files.rewrites", "mongoose.compression.mime-types",
			"mongoose.auth.global-file", "mongoose.access-log.file", "mongoose.cgi.interpreter",
			"mongoose.dav.auth-file", "mongoose.limits.max-buffered-bytes", "mongoose.websocket.allowed-origins",
			"mongoose.worker.threads", "mongoose.broadcast.instance-id", "mongoose.cors.allowed-headers",
			"mongoose.cors.allowed-methods", "mongoose.cors.allowed-origins", "mongoose.cors.exposed-headers",
			"mongoose.cors.max-age");

	@Test
	void everyPropertyHasADescriptionAndADefault() throws Exception {
		Map<String, JsonNode> properties = properties();
		Set<String> undescribed = new TreeSet<>();
		Set<String> withoutDefault = new TreeSet<>();
		properties.forEach((name, property) -> {
			if (property.path("description").asString("").isBlank()) {
				undescribed.add(name);
			}
			if (!property.has("defaultValue") && !WITHOUT_DEFAULT.contains(name)) {
				withoutDefault.add(name);
			}
		});
		assertThat(undescribed).as("properties without a description (javadoc of the field)").isEmpty();
		assertThat(withoutDefault).as("properties without a default in the metadata").isEmpty();
		assertThat(WITHOUT_DEFAULT).as("listed in WITHOUT_DEFAULT but not a property")
			.allSatisfy((name) -> assertThat(properties).containsKey(name));
	}

	@Test
	void optionsKeysHintListsEveryCoreOption() throws Exception {
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : metadata().path("hints")) {
			if (hint.path("name").asString("").equals("mongoose.options.keys")) {
				hint.path("values").forEach((value) -> hinted.add(value.path("value").asString("")));
			}
		}
		assertThat(hinted).containsExactlyElementsOf(Option.all().stream().map(Option::name).toList());
	}

	@Test
	void readmeTableIsTheMetadata() throws Exception {
		Map<String, String> options = new TreeMap<>();
		CoreOptions.of(new MongooseProperties()).forEach((entry) -> options.put(entry.property(), entry.option()));
		StringBuilder table = new StringBuilder(
				"| property | core option | type | default | description |\n|---|---|---|---|---|\n");
		properties().forEach((name, property) -> {
			if (name.startsWith("mongoose.broadcast.")) {
				return; // their own table, under "Cluster-wide broadcast"
			}
			String option = options.get(name);
			table.append("| `")
				.append(name)
				.append("` | ")
				.append((option != null) ? "`" + option + "`" : "—")
				.append(" | ")
				.append(type(property.path("type").asString("")))
				.append(" | ")
				.append(property.has("defaultValue") ? "`" + defaultValue(property.get("defaultValue")) + "`" : "")
				.append(" | ")
				.append(property.path("description").asString("").replace("|", "\\|"))
				.append(" |\n");
		});
		Files.writeString(Path.of("target", "properties-table.md"), table);
		String readme = Files.readString(Path.of("README.md"));
		assertThat(readme)
			.as("README.md property table; the expected one is in mongoose-spring-boot-starter/target/properties-table.md")
			.contains(table);
	}

	/** The properties of the Mongoose namespaces, by name (sorted). */
	private static Map<String, JsonNode> properties() throws Exception {
		Map<String, JsonNode> properties = new TreeMap<>();
		for (JsonNode property : metadata().path("properties")) {
			String name = property.path("name").asString("");
			if (name.startsWith("mongoose.") || name.contains(".mongoose.")) {
				properties.put(name, property);
			}
		}
		return properties;
	}

	private static JsonNode metadata() throws Exception {
		try (InputStream in = MongoosePropertiesMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	/** {@code java.util.List<java.lang.String>} → {@code List&lt;String&gt;}. */
	private static String type(String type) {
		return type.replaceAll("[a-z][a-zA-Z0-9]*\\.", "")
			.replaceAll("[A-Za-z0-9]+\\$", "")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace(",", ", ");
	}

	private static String defaultValue(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString("")));
			return String.join(",", items);
		}
		return value.asString(value.toString()).replace("|", "\\|");
	}

}
