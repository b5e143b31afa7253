package io.mongoose.boot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking {@link UriHandler @UriHandler} beans and the worker executor they run on, over
 * real sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongooseWorkerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withUserConfiguration(HandlersConfiguration.class)
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void blockingHandlerRunsOnAWorkerAndAPlainOneOnTheIoThread(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		String registrar = UriHandlerRegistrar.class.getName();
		logging.setLogLevel(registrar, LogLevel.DEBUG);
		try {
			this.contextRunner.run((context) -> {
				assertThat(get(context, "/blocking").body()).startsWith("mongoose-worker-");
				assertThat(get(context, "/plain").body()).startsWith("mongoose-io-");
			});
		}
		finally {
			logging.setLogLevel(registrar, null);
		}
		assertThat(output).containsPattern("/blocking\\s+-> blockingThreadName \\(.*\\) on the worker executor")
			.doesNotContainPattern("/plain\\s+-> .* on the worker executor");
	}

	private HttpResponse<String> get(AssertableApplicationContext context, String path) throws Exception {
		int port = context.getBean(MongooseWebServer.class).getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		BlockingThreadName blockingThreadName() {
			return new BlockingThreadName();
		}

		@Bean
		PlainThreadName plainThreadName() {
			return new PlainThreadName();
		}

	}

	static Handler.Result replyThreadName(Connection connection) {
		connection.sendReply(200, "text/plain", Thread.currentThread().getName());
		return Handler.Result.DONE;
	}

	@UriHandler(value = "/blocking", blocking = true)
	static class BlockingThreadName implements Handler {

		@Override
		public Result handle(Connection connection) {
			return replyThreadName(connection);
		}

	}

	@UriHandler("/plain")
	static class PlainThreadName implements Handler {

		@Override
		public Result handle(Connection connection) {
			return replyThreadName(connection);
		}

	}

}
