package io.mongoose.boot;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the Mongoose server listens and its IO threads poll; carries the bound
 * port (useful with {@code mongoose.listening-port=0}).
 *
 * @since 0.1.0
 */
public class MongooseServerStartedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new event.
	 * @param webServer the started server
	 */
	public MongooseServerStartedEvent(MongooseWebServer webServer) {
		super(webServer);
	}

	/**
	 * Return the started server.
	 * @return the server
	 */
	public MongooseWebServer getWebServer() {
		return (MongooseWebServer) getSource();
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int getPort() {
		return getWebServer().getPort();
	}

}
