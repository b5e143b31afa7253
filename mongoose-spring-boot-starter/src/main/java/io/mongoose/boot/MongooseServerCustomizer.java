package io.mongoose.boot;

import io.mongoose.Server;

/**
 * Callback to customize a {@link Server} built by the auto-configuration, after the
 * {@code mongoose.*} properties were applied and before it listens or polls. Customizer
 * beans run in {@link org.springframework.core.annotation.Order @Order}; with
 * {@code mongoose.threads > 1} they run once per server instance.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MongooseServerCustomizer {

	/**
	 * Customize the server; called on the thread that creates it, before it is polled.
	 * @param server the server to customize
	 */
	void customize(Server server);

}
