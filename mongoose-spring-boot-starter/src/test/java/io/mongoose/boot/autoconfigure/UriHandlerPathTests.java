package io.mongoose.boot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UriHandler @UriHandler} prefixes match whole path segments, a template in one
 * fails start-up, and {@code mongoose.cors.*} applies to every handler; over real HTTP.
 */
class UriHandlerPathTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	@Test
	void aPrefixServesItselfAndThePathsBelowItOnly() {
		this.contextRunner.withUserConfiguration(PathHandlers.class).run((context) -> {
			assertThat(get(context, "/users").body()).isEqualTo("users /users");
			assertThat(get(context, "/users/").body()).isEqualTo("users /users/");
			assertThat(get(context, "/users/42").body()).isEqualTo("users /users/42");
			assertThat(get(context, "/users?page=2").body()).isEqualTo("users /users");
			assertThat(get(context, "/usersXYZ").body()).isEqualTo("root /usersXYZ");
			UriHandlerRegistrar registrar = context.getBean(UriHandlerRegistrar.class);
			assertThat(registrar.findPrefix("/usersXYZ")).isEqualTo("/");
			assertThat(registrar.findPrefix("/users/1")).isEqualTo("/users");
		});
	}

	@Test
	void aPrefixHoldingATemplateFailsStartUpPointingToRoutes() {
		this.contextRunner.withBean("userById", TemplatedHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'userById'")
				.hasMessageContaining("/users/{id}")
				.hasMessageContaining("io.mongoose.Router")
				.hasMessageContaining("routes"));
	}

	@Test
	void corsPropertiesApplyToEveryHandler() {
		this.contextRunner.withUserConfiguration(PathHandlers.class)
			.withPropertyValues("mongoose.cors.allowed-origins=https://app.example.com",
					"mongoose.cors.allowed-methods=GET,PUT", "mongoose.cors.allowed-headers=Content-Type",
					"mongoose.cors.exposed-headers=X-Total", "mongoose.cors.allow-credentials=true",
					"mongoose.cors.max-age=10m")
			.run((context) -> {
				HttpResponse<String> preflight = send(context,
						HttpRequest.newBuilder(uri(context, "/users/7"))
							.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
							.header("Origin", "https://app.example.com")
							.header("Access-Control-Request-Method", "PUT")
							.header("Access-Control-Request-Headers", "content-type"));
				assertThat(preflight.statusCode()).isEqualTo(204);
				assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, PUT");
				assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
				HttpResponse<String> reply = send(context,
						HttpRequest.newBuilder(uri(context, "/users")).header("Origin", "https://app.example.com"));
				assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
					.hasValue("https://app.example.com");
				assertThat(reply.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
				assertThat(reply.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Total");
			});
	}

	@Test
	void corsIsOffByDefaultAndAnyOriginWithCredentialsFailsStartUp() {
		this.contextRunner.withUserConfiguration(PathHandlers.class).run((context) -> {
			assertThat(context).doesNotHaveBean("mongooseCorsCustomizer");
			HttpResponse<String> reply = send(context,
					HttpRequest.newBuilder(uri(context, "/users")).header("Origin", "https://app.example.com"));
			assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		});
		this.contextRunner.withPropertyValues("mongoose.cors.allowed-origins=*", "mongoose.cors.allow-credentials=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("credentials"));
	}

	private static HttpResponse<String> get(ApplicationContext context, String path) throws Exception {
		HttpResponse<String> reply = send(context, HttpRequest.newBuilder(uri(context, path)));
		assertThat(reply.statusCode()).as(path).isEqualTo(200);
		return reply;
	}

	private static HttpResponse<String> send(ApplicationContext context, HttpRequest.Builder request) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ApplicationContext context, String path) {
		return URI.create("http://127.0.0.1:" + context.getBean(MongooseWebServer.class).getPort() + path);
	}

	private static Handler.Result reply(Connection connection, String text) {
		connection.sendReply(200, "text/plain", text);
		return Handler.Result.DONE;
	}

	@Configuration(proxyBeanMethods = false)
	static class PathHandlers {

		@Bean
		UsersHandler usersHandler() {
			return new UsersHandler();
		}

		@Bean
		RootHandler rootHandler() {
			return new RootHandler();
		}

	}

	@UriHandler("/users")
	static class UsersHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			return reply(connection, "users " + connection.uri());
		}

	}

	@UriHandler("/")
	static class RootHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			return reply(connection, "root " + connection.uri());
		}

	}

	@UriHandler("/users/{id}")
	static class TemplatedHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			return reply(connection, "never");
		}

	}

}
