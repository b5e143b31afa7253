package io.mongoose.boot.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.route.Delete;
import io.mongoose.boot.route.Get;
import io.mongoose.boot.route.PathVar;
import io.mongoose.boot.route.Post;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/mongoose} lists the route table as it was written: a handler bean's
 * prefix, and each annotated route's template below its bean's prefix with its method and
 * whether it blocks; read over a socket.
 */
class MongooseEndpointRoutesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class, JacksonAutoConfiguration.class,
				EndpointAutoConfiguration.class, MongooseActuatorAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=1s",
				"management.endpoints.web.exposure.include=mongoose");

	@Test
	void listsTemplatesOfAnnotatedRoutesAndPrefixesOfHandlers() {
		this.contextRunner.withBean("messages", MessagesApi.class)
			.withBean("root", RootApi.class)
			.withBean("report", ReportHandler.class)
			.run((context) -> {
				int port = context.getBean(MongooseWebServer.class).getPort();
				HttpResponse<String> reply = get(port, "/actuator/mongoose");
				assertThat(reply.statusCode()).isEqualTo(200);
				List<Map<String, Object>> routes = JSON.readValue(reply.body(), Descriptor.class).routes();
				assertThat(routes).contains(route("/api/messages", "GET", "messages", MessagesApi.class, false),
						route("/api/messages/{id}", "GET", "messages", MessagesApi.class, false),
						route("/api/messages/{id}", "DELETE", "messages", MessagesApi.class, true),
						route("/api/messages/{*rest}", "POST", "messages", MessagesApi.class, false),
						route("/status", "GET", "root", RootApi.class, false),
						route("/report", "*", "report", ReportHandler.class, true));
				assertThat(routes).extracting((r) -> r.get("path"))
					.as("a bean with routes is listed by its routes, not by its prefix")
					.doesNotContain("/", "/api/messages/")
					.contains("/actuator/mongoose");
				// the templates listed are the ones the server routes by
				assertThat(get(port, "/api/messages/7").body()).isEqualTo("message 7");
				assertThat(get(port, "/status").body()).isEqualTo("ok");
			});
	}

	private static Map<String, Object> route(String path, String method, String bean, Class<?> type, boolean blocking) {
		return Map.of("path", path, "methods", List.of(method), "handler", bean, "type", type.getName(), "blocking",
				blocking);
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	/** The part of the descriptor this test reads. */
	record Descriptor(List<Map<String, Object>> routes) {
	}

	@UriHandler("/api/messages")
	static class MessagesApi {

		@Get
		String list() {
			return "all";
		}

		@Get("/{id}")
		String get(@PathVar long id) {
			return "message " + id;
		}

		@Delete(value = "/{id}", blocking = true)
		String delete(@PathVar long id) {
			return "deleted " + id;
		}

		@Post("/{*rest}")
		String post(@PathVar String rest) {
			return rest;
		}

	}

	@UriHandler("/")
	static class RootApi {

		@Get("/status")
		String status() {
			return "ok";
		}

	}

	@UriHandler(value = "/report", blocking = true)
	static class ReportHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			connection.sendReply(200, "text/plain", "report");
			return Result.DONE;
		}

	}

}
