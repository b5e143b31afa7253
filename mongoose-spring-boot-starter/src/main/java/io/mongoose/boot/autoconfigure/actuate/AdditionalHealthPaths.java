package io.mongoose.boot.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code additional-path}s of the health groups
 * ({@code management.endpoint.health.group.<name>.additional-path=server:/healthz}), read
 * from the environment when the servers are built: the health beans they belong to are
 * made later, and Boot itself checks the values when it makes them.
 */
final class AdditionalHealthPaths {

	private AdditionalHealthPaths() {
	}

	/**
	 * Return the additional paths served on one server, each starting with {@code /}.
	 * @param environment the environment
	 * @param namespace {@code server} (the application's port) or {@code management}
	 * @return the paths, sorted
	 */
	static List<String> of(Environment environment, WebServerNamespace namespace) {
		Map<String, Group> groups = Binder.get(environment)
			.bind("management.endpoint.health.group", Bindable.mapOf(String.class, Group.class))
			.orElse(Map.of());
		return groups.values()
			.stream()
			.map(Group::additionalPath)
			.filter((value) -> value != null && value.indexOf(':') > 0)
			.filter((value) -> WebServerNamespace.from(value.substring(0, value.indexOf(':'))).equals(namespace))
			.map((value) -> value.substring(value.indexOf(':') + 1).trim())
			.map((path) -> path.startsWith("/") ? path : "/" + path)
			.sorted()
			.toList();
	}

	/** The one property of a group read here; the others are Boot's. */
	record Group(@Nullable String additionalPath) {
	}

}
