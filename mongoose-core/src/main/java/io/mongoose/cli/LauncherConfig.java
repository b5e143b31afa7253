package io.mongoose.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mongoose.Option;

/**
 * The launcher's options: its defaults ({@code listening_port 8080},
 * {@code document_root .}), then a config file of {@code name value} lines, then
 * {@code -name value} pairs.
 */
final class LauncherConfig {

	/**
	 * Options naming files, made absolute so that the server does not depend on its cwd.
	 */
	private static final List<String> PATH_OPTIONS = Option.all()
		.stream()
		.filter((option) -> option.kind() == Option.Kind.PATH)
		.map(Option::name)
		.toList();

	private LauncherConfig() {
	}

	/**
	 * @throws IllegalArgumentException with a message for the user
	 */
	static Map<String, String> parse(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("document_root", ".");
		options.put("listening_port", "8080");
		int i = 0;
		if (args.length % 2 == 1) {
			readFile(Path.of(args[0]), options);
			i = 1;
		}
		else if (Files.isRegularFile(Path.of("mongoose.conf"))) {
			readFile(Path.of("mongoose.conf"), options);
		}
		for (; i < args.length; i += 2) {
			if (!args[i].startsWith("-")) {
				throw new IllegalArgumentException("Expected -option value, got '" + args[i] + "'");
			}
			put(options, args[i].substring(1), args[i + 1]);
		}
		for (String name : PATH_OPTIONS) {
			String value = options.get(name);
			if (value != null && !value.isEmpty()) {
				options.put(name, Path.of(value).toAbsolutePath().normalize().toString());
			}
		}
		return options;
	}

	private static void readFile(Path file, Map<String, String> options) throws IOException {
		int lineNumber = 0;
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			lineNumber++;
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int space = indexOfWhitespace(trimmed);
			if (space < 0) {
				throw new IllegalArgumentException(
						file + ":" + lineNumber + ": expected 'name value', got '" + trimmed + "'");
			}
			put(options, trimmed.substring(0, space), trimmed.substring(space + 1).trim());
		}
	}

	private static void put(Map<String, String> options, String name, String value) {
		if (Option.named(name) == null) {
			throw new IllegalArgumentException("Unknown option: " + name);
		}
		options.put(name, value);
	}

	private static int indexOfWhitespace(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (Character.isWhitespace(s.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
