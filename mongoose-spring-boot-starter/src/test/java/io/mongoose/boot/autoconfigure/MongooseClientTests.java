package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.Client;
import io.mongoose.ClientResponse;
import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Server;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link Client} bean: on the {@code Server} bean's loop, calling the application's
 * own port over a real socket; an application's own {@code Client} bean wins.
 */
class MongooseClientTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=2s")
		.withUserConfiguration(Hello.class);

	@Test
	void clientBeanCallsOverTheServersLoop() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Client.class);
			int port = context.getBean(MongooseWebServer.class).getPort();
			ClientResponse response = context.getBean(Client.class)
				.get("http://127.0.0.1:" + port + "/hello")
				.toCompletableFuture()
				.get(20, TimeUnit.SECONDS);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.bodyAsString()).isEqualTo("hello from the starter");
		});
	}

	@Test
	void applicationClientBeanReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(OwnClient.class).run((context) -> {
			assertThat(context).hasSingleBean(Client.class);
			assertThat(context).hasBean("ownClient").doesNotHaveBean("mongooseClient");
		});
	}

	@UriHandler("/hello")
	static class Hello implements Handler {

		@Override
		public Result handle(Connection connection) {
			connection.sendReply(200, "text/plain", "hello from the starter");
			return Result.DONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClient {

		@Bean
		Client ownClient(Server server) {
			return Client.builder(server).responseTimeout(Duration.ofSeconds(5)).build();
		}

	}

}
