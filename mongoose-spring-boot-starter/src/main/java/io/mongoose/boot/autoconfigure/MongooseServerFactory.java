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

import io.mongoose.OptionException;
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

	private final Map<String, CoreOptions.Entry> options;

	private final List<MongooseServerCustomizer> customizers;

	private final ResourceLoader resourceLoader;

	private @Nullable Path classpathRoot;

	private final Set<Server> created = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	MongooseServerFactory(MongooseProperties properties, List<MongooseServerCustomizer> customizers) {
		this(properties, customizers, new DefaultResourceLoader());
	}

	MongooseServerFactory(MongooseProperties properties, List<MongooseServerCustomizer> customizers,
			ResourceLoader resourceLoader) {
		this.options = new LinkedHashMap<>();
		CoreOptions.of(properties).forEach((entry) -> this.options.put(entry.option(), entry));
		this.customizers = List.copyOf(customizers);
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Return the {@code listening_port} value to bind on start.
	 * @return the port specification
	 */
	String listeningPort() {
		CoreOptions.Entry option = this.options.get(LISTENING_PORT);
		return (option != null && option.value() != null) ? option.value() : "8080";
	}

	/**
	 * Creates a server with every option but {@code listening_port} set at once, then
	 * customized.
	 * @return the server
	 * @throws IllegalStateException if the server rejects an option
	 */
	Server create() {
		Server server = Server.create(null);
		Map<String, String> values = new LinkedHashMap<>();
		CoreOptions.Entry classpath = null;
		for (CoreOptions.Entry option : this.options.values()) {
			if (isClasspathRoot(option)) {
				classpath = option;
			}
			else if (option.value() != null && !option.option().equals(LISTENING_PORT)) {
				values.put(option.option(), option.value());
			}
		}
		try {
			server.setOptions(values);
			if (classpath != null) {
				String error = server.setDocumentRoot(classpathRoot(classpath));
				if (error != null) {
					throw new OptionException(DOCUMENT_ROOT, error);
				}
			}
		}
		catch (OptionException ex) {
			server.destroy();
			CoreOptions.Entry option = this.options.get(ex.option());
			String property = (option != null) ? option.property() : "mongoose.options." + ex.option();
			String value = (option != null) ? option.value() : null;
			throw new IllegalStateException("Invalid Mongoose option '" + ex.option() + "' (property '" + property
					+ "' = '" + value + "'): " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			server.destroy();
			throw ex;
		}
		this.customizers.forEach((customizer) -> customizer.customize(server));
		this.created.add(server);
		return server;
	}

	private static boolean isClasspathRoot(CoreOptions.Entry option) {
		return option.option().equals(DOCUMENT_ROOT) && option.value() != null
				&& ClasspathDocumentRoot.isClasspathLocation(option.value());
	}

	private synchronized Path classpathRoot(CoreOptions.Entry option) {
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

}
