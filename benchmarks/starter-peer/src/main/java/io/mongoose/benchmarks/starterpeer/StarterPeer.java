package io.mongoose.benchmarks.starterpeer;

import java.util.Map;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.UriHandler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The {@code spring-boot} peer's {@code GET /hello} as a Spring user writes it on the
 * Mongoose starter: one {@code @UriHandler} bean, Boot's defaults otherwise. Usage:
 * {@code java -jar starter-peer.jar PORT}; it binds {@code 127.0.0.1:PORT}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StarterPeer {

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: java -jar starter-peer.jar PORT");
			System.exit(2);
		}
		SpringApplication application = new SpringApplication(StarterPeer.class);
		application.setDefaultProperties(Map.of("server.port", args[0], "server.address", "127.0.0.1"));
		application.run();
	}

	@UriHandler("/hello")
	static class Hello implements Handler {

		@Override
		public Result handle(Connection c) {
			c.sendReply(200, "text/plain", "Hello, world!");
			return Result.DONE;
		}

	}

}
