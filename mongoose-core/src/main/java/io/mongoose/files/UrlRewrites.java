package io.mongoose.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mongoose.Glob;

/**
 * The {@code url_rewrites} option: a comma list of {@code uri_pattern=path}. A pattern
 * (Mongoose glob, prefix match) whose left side is a number instead, such as
 * {@code 404=/err.html}, turns that HTTP error into a {@code 302} redirect to
 * {@code path?code=N&orig_uri=URI} (as 5.1 did).
 */
final class UrlRewrites {

	/** One alias: URIs starting with {@code pattern} are served from {@code target}. */
	public record Alias(String pattern, Path target) {
	}

	/**
	 * Where an alias sent a URI: the file system path and the directory it must stay in.
	 */
	public record Match(Path path, Path confinedTo) {
	}

	public static final UrlRewrites NONE = new UrlRewrites(List.of(), Map.of());

	private final List<Alias> aliases;

	private final Map<Integer, String> errorPages;

	private UrlRewrites(List<Alias> aliases, Map<Integer, String> errorPages) {
		this.aliases = aliases;
		this.errorPages = errorPages;
	}

	/**
	 * @throws IllegalArgumentException for an entry without {@code =} or with an empty
	 * side
	 */
	public static UrlRewrites parse(String value) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		List<Alias> aliases = new ArrayList<>();
		Map<Integer, String> errors = new HashMap<>();
		for (String entry : value.split(",")) {
			String e = entry.trim();
			if (e.isEmpty()) {
				continue;
			}
			int eq = e.indexOf('=');
			if (eq <= 0 || eq == e.length() - 1) {
				throw new IllegalArgumentException("Invalid url_rewrites entry '" + e + "': expected uri_pattern=path");
			}
			String left = e.substring(0, eq).trim();
			String right = e.substring(eq + 1).trim();
			if (left.chars().allMatch(Character::isDigit)) {
				int code = Integer.parseInt(left.length() > 3 ? "0" : left);
				if (code < 400 || code > 599 || right.indexOf('\r') >= 0 || right.indexOf('\n') >= 0) {
					throw new IllegalArgumentException(
							"Invalid url_rewrites entry '" + e + "': error code must be 400..599");
				}
				errors.put(code, right);
			}
			else {
				aliases.add(new Alias(left, Path.of(right).toAbsolutePath().normalize()));
			}
		}
		return new UrlRewrites(Collections.unmodifiableList(aliases), Collections.unmodifiableMap(errors));
	}

	/**
	 * The first alias whose pattern matches a prefix of {@code uri}; null if none does.
	 */
	public Match map(String uri) {
		for (Alias alias : this.aliases) {
			int n = Glob.matchPrefix(alias.pattern(), uri);
			if (n > 0) {
				String rest = uri.substring(n);
				if (!rest.isEmpty() && !rest.startsWith("/") && !alias.pattern().endsWith("/")) {
					continue; // the pattern must end at a segment boundary: /foo is no
								// alias of /foobar
				}
				String relative = rest.startsWith("/") ? rest.substring(1) : rest;
				Path path = relative.isEmpty() ? alias.target() : alias.target().resolve(relative);
				return new Match(path, alias.target());
			}
		}
		return null;
	}

	/** The redirect target for an error status, or null. */
	public String errorPage(int status) {
		return this.errorPages.get(status);
	}

	public List<Alias> aliases() {
		return this.aliases;
	}

}
