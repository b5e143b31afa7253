package io.mongoose.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Creates servers configured from {@link MongooseProperties} and customized by the
 * {@link MongooseServerCustomizer} beans; never binds ({@code listening_port} is applied
 * when the lifecycle starts).
 */
final class MongooseServerFactory {

	private static final String LISTENING_PORT = "listening_port";

	private static final String DOCUMENT_ROOT = "document_root";

	/**
	 * Core options whose property is in a nested group rather than named after the
	 * option.
	 */
	private static final Map<String, String> NESTED_PROPERTIES = Map.of("ssl_client_auth", "mongoose.ssl.client-auth",
			"worker_threads", "mongoose.worker.threads", "worker_queue_limit", "mongoose.worker.queue-capacity");

	private final Map<String, Option> options;

	private final List<MongooseServerCustomizer> customizers;

	private final ResourceLoader resourceLoader;

	private @Nullable Path classpathRoot;

	private final Set<Server> created = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	MongooseServerFactory(MongooseProperties properties, List<MongooseServerCustomizer> customizers) {
		this(properties, customizers, new DefaultResourceLoader());
	}

	MongooseServerFactory(MongooseProperties properties, List<MongooseServerCustomizer> customizers,
			ResourceLoader resourceLoader) {
		this.options = collectOptions(properties);
		this.customizers = List.copyOf(customizers);
		this.resourceLoader = resourceLoader;
	}

	private static Map<String, Option> collectOptions(MongooseProperties properties) {
		Map<String, Option> options = new LinkedHashMap<>();
		properties.toOptions()
			.forEach((name, value) -> options.put(name, new Option(name, value, NESTED_PROPERTIES.getOrDefault(name,
					"mongoose." + name.replaceAll("_ms$", "").replace('_', '-')))));
		properties.getOptions().forEach((key, value) -> {
			String name = key.replace('-', '_');
			options.remove(name);
			options.put(name, new Option(name, value, "mongoose.options." + key));
		});
		return options;
	}

	/**
	 * Return the {@code listening_port} value to bind on start.
	 * @return the port specification
	 */
	String listeningPort() {
		Option option = this.options.get(LISTENING_PORT);
		return (option != null && option.value() != null) ? option.value() : "8080";
	}

	/**
	 * Creates a server with every option but {@code listening_port} set, then customized.
	 * @return the server
	 * @throws IllegalStateException if the server rejects an option
	 */
	Server create() {
		Server server = Server.create(null);
		for (Option option : this.options.values()) {
			if (option.value() != null && !option.name().equals(LISTENING_PORT)) {
				String error = isClasspathRoot(option) ? server.setDocumentRoot(classpathRoot(option))
						: server.setOption(option.name(), option.value());
				if (error != null) {
					server.destroy();
					throw new IllegalStateException("Invalid Mongoose option '" + option.name() + "' (property '"
							+ option.property() + "' = '" + option.value() + "'): " + error);
				}
			}
		}
		this.customizers.forEach((customizer) -> customizer.customize(server));
		this.created.add(server);
		return server;
	}

	private static boolean isClasspathRoot(Option option) {
		return option.name().equals(DOCUMENT_ROOT) && option.value() != null
				&& ClasspathDocumentRoot.isClasspathLocation(option.value());
	}

	private synchronized Path classpathRoot(Option option) {
		if (this.classpathRoot == null) {
			try {
				this.classpathRoot = ClasspathDocumentRoot.resolve(option.value(), this.resourceLoader);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("Invalid Mongoose option 'document_root' (property '"
						+ option.property() + "' = '" + option.value() + "'): " + ex.getMessage());
			}
		}
		return this.classpathRoot;
	}

	/**
	 * Return whether this factory created {@code server}.
	 * @param server a server
	 * @return whether it is one of ours
	 */
	boolean isCreated(Server server) {
		return this.created.contains(server);
	}

	private record Option(String name, @Nullable String value, String property) {
	}

}
