package io.mongoose.boot.autoconfigure.route;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import io.mongoose.Handler;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;
import io.mongoose.boot.autoconfigure.route.RoutesTestBeans.ItemsApi;
import io.mongoose.RequestListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotated routes on {@code @UriHandler} beans, over real sockets: binding, conversion,
 * JSON, validation, error replies, async and blocking routes, start-up failures.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnnotatedRoutesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class, JacksonAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=1s");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	// ---- binding

	@Test
	void pathVariablesQueryParametersHeadersAndTheConnectionBind() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			HttpResponse<String> echo = send(context,
					request(context, "/items/echo/a/b%20c").header("X-Tag", "t1").header("X-Count", "3"));
			assertThat(echo.statusCode()).isEqualTo(200);
			assertThat(echo.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
			assertThat(echo.body()).isEqualTo("a/b c|t1|3|GET");
			assertThat(send(context, request(context, "/items/echo/x").header("X-Tag", "t2")).body())
				.isEqualTo("x|t2|null|GET");
			post(context, "/items", "{\"name\": \"pen\"}");
			post(context, "/items", "{\"name\": \"ink\"}");
			assertThat(JSON.readValue(get(context, "/items?limit=1").body(), List.class)).hasSize(1);
			assertThat(get(context, "/items?name=ink").body()).contains("\"ink\"").doesNotContain("\"pen\"");
			HttpResponse<String> delete = send(context, request(context, "/items/1").DELETE());
			assertThat(delete.body()).isEqualTo("deleted 1");
			assertThat(get(context, "/items/1").statusCode()).isEqualTo(404);
		});
	}

	@Test
	void bodiesBindAsTextBytesAndJson() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			assertThat(send(context, request(context, "/items/text").POST(HttpRequest.BodyPublishers.ofString("héllo")))
				.body()).isEqualTo("HÉLLO");
			HttpResponse<byte[]> bytes = this.http.send(request(context, "/items/bytes")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1, 2, 3 }))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(bytes.body()).containsExactly(3, 2, 1);
			assertThat(bytes.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			HttpResponse<String> created = post(context, "/items", "{\"name\": \"pen\", \"tags\": [\"blue\"]}");
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(json(created)).isEqualTo(Map.of("id", 1, "name", "pen", "tags", List.of("blue")));
			assertThat(json(get(context, "/items/1")))
				.isEqualTo(Map.of("id", 1, "name", "pen", "tags", List.of("blue")));
			assertThat(get(context, "/items/1/name").body()).isEqualTo("pen");
		});
	}

	@Test
	void valuesThatDoNotConvertOrAreMissingAre400() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			assertProblem(get(context, "/items/abc"), 400, "path variable 'id': 'abc' is not a long", "/items/abc");
			assertProblem(get(context, "/items?limit=many"), 400, "query parameter 'limit': 'many' is not a int",
					"/items");
			assertProblem(get(context, "/items/echo/x"), 400, "header 'X-Tag' is missing", "/items/echo/x");
			assertProblem(send(context, request(context, "/items/echo/x").header("X-Tag", "t").header("X-Count", "z")),
					400, "header 'X-Count': 'z' is not a Integer", "/items/echo/x");
			assertProblem(post(context, "/items", "{\"name\": "), 400, null, "/items");
			assertThat(json(post(context, "/items", "{\"name\": ")).get("detail").toString())
				.startsWith("the body is not the JSON this request takes (at line 1");
			assertProblem(post(context, "/items", ""), 400, "the request has no body", "/items");
			// a JSON body only from a JSON type: a cross-site form cannot send one
			HttpResponse<String> form = send(context,
					request(context, "/items").header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")));
			assertProblem(form, 415, "send the body as Content-Type: application/json", "/items");
			assertThat(post(context, "/items", "{\"name\": \"ok\"}").statusCode()).as("the server goes on")
				.isEqualTo(201);
		});
	}

	// ---- validation

	@Test
	void invalidBodiesAndConstrainedParametersAre400WithTheFields() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			HttpResponse<String> invalid = post(context, "/items", "{\"name\": \"much too long\", \"tags\": [\" \"]}");
			assertProblem(invalid, 400, null, "/items");
			assertThat(json(invalid).get("errors"))
				.isEqualTo(List.of(Map.of("field", "name", "message", "size must be between 0 and 10"),
						Map.of("field", "tags[0].<list element>", "message", "must not be blank")));
			HttpResponse<String> blank = post(context, "/items", "{}");
			assertThat(json(blank).get("errors"))
				.isEqualTo(List.of(Map.of("field", "name", "message", "must not be blank")));
			assertThat(json(blank).get("detail")).isEqualTo("name: must not be blank");
			HttpResponse<String> range = get(context, "/items/range/9?step=0");
			assertProblem(range, 400, null, "/items/range/9");
			assertThat(json(range).get("errors"))
				.isEqualTo(List.of(Map.of("field", "n", "message", "must be less than or equal to 5"),
						Map.of("field", "step", "message", "must be greater than or equal to 1")));
			assertThat(get(context, "/items/range/5").body()).isEqualTo("5/1");
			assertThat(get(context, "/items").body()).isEqualTo("[]");
		});
	}

	// ---- errors

	@Test
	void exceptionsMapToTheirStatusAsProblemDetails(CapturedOutput output) {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			assertProblem(get(context, "/items/7"), 404, "no such item", "/items/7");
			assertProblem(get(context, "/items/7/name"), 404, null, "/items/7/name");
			assertProblem(get(context, "/items/gone"), 410, "gone for good", "/items/gone");
			post(context, "/items", "{\"name\": \"pen\"}");
			assertProblem(post(context, "/items", "{\"name\": \"pen\"}"), 409, "an item named pen exists", "/items");
			HttpResponse<String> boom = get(context, "/items/boom");
			assertProblem(boom, 500, null, "/items/boom");
			assertThat(boom.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("at io.");
			assertThat(json(boom)).isEqualTo(Map.of("type", "about:blank", "title", "Internal Server Error", "status",
					500, "instance", "/items/boom"));
		});
		assertThat(output).contains("Route ItemsApi.boom failed on GET /items/boom from 127.0.0.1")
			.contains("java.lang.IllegalStateException: secret internal detail")
			.contains("404 Not Found for GET /items/7 from 127.0.0.1: no such item");
	}

	@Test
	void pathsBelowARouteBeanThatNoRouteMatchesAreProblemsTooOthersKeepTheServerPage() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			assertProblem(get(context, "/items/1/name/extra"), 404, null, "/items/1/name/extra");
			HttpResponse<String> elsewhere = get(context, "/elsewhere");
			assertThat(elsewhere.statusCode()).isEqualTo(404);
			assertThat(elsewhere.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
			HttpResponse<String> patch = send(context,
					request(context, "/items/1").method("PATCH", HttpRequest.BodyPublishers.noBody()));
			assertThat(patch.statusCode()).isEqualTo(405);
			assertThat(patch.headers().firstValue("Allow")).hasValue("DELETE, GET, HEAD, OPTIONS");
		});
	}

	@Test
	void withoutJacksonErrorsArePlainTextAndJsonReturnsFailStartUp() {
		ApplicationContextRunner withoutJackson = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
			.withPropertyValues("mongoose.listening-port=127.0.0.1:0");
		withoutJackson.withBean(RoutesTestBeans.TextOnly.class).run((context) -> {
			assertThat(get(context, "/text-only/3").body()).isEqualTo("item 3");
			HttpResponse<String> missing = get(context, "/text-only/0");
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
			assertThat(missing.body()).isEqualTo("404 Not Found\nno such item\n");
			assertThat(get(context, "/text-only/x").body())
				.isEqualTo("400 Bad Request\npath variable 'id': 'x' is not a int\n");
		});
		withoutJackson.withBean(RoutesTestBeans.JsonOut.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bean 'routesTestBeans.JsonOut' (@UriHandler(\"/json-out\"))")
				.hasMessageContaining("JsonOut")
				.hasMessageContaining("which needs Jackson"));
	}

	@Test
	void anErrorHandlerBeanStillAnswersRouteErrors() {
		this.contextRunner.withBean(ItemsApi.class).withBean(MongooseErrorHandler.class, () -> (c) -> {
			if (c.statusCode() == 410) {
				return Handler.Result.NOT_HANDLED; // the default reply
			}
			c.sendReply(c.statusCode(), "text/plain", "custom " + c.statusCode());
			return Handler.Result.DONE;
		}).run((context) -> {
			HttpResponse<String> missing = get(context, "/items/7");
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.body()).isEqualTo("custom 404");
			assertThat(get(context, "/items/abc").body()).isEqualTo("custom 400");
			assertProblem(get(context, "/items/gone"), 410, "gone for good", "/items/gone");
		});
	}

	// ---- return values

	@Test
	void nothingIsNoContentAndAResultIsReturnedAsIs() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			HttpResponse<String> nothing = get(context, "/items/nothing");
			assertThat(nothing.statusCode()).isEqualTo(204);
			assertThat(nothing.body()).isEmpty();
			HttpResponse<String> forgotten = send(context, request(context, "/items/3/quietly").DELETE());
			assertThat(forgotten.statusCode()).as("void without a reply").isEqualTo(204);
			assertThat(forgotten.headers().firstValue("Content-Length")).isEmpty();
			HttpResponse<String> result = get(context, "/items/result");
			assertThat(result.statusCode()).isEqualTo(202);
			assertThat(result.body()).isEqualTo("accepted");
		});
	}

	@Test
	void aReplyValueIsSentWithItsStatusAndHeaders() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			HttpResponse<String> created = send(context,
					request(context, "/items/created").POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(created.headers().firstValue("Location")).hasValue("/items/7");
			assertThat(created.headers().firstValue("Content-Length")).hasValue("8");
			assertThat(created.headers().firstValue("Date")).isPresent();
			assertThat(created.body()).isEqualTo("created\n");
		});
	}

	@Test
	void completionStagesReplyWhenTheyComplete() {
		this.contextRunner.withBean(ItemsApi.class).run((context) -> {
			ItemsApi api = context.getBean(ItemsApi.class);
			var later = this.http.sendAsync(request(context, "/items/async").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(api.asyncCalled.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(get(context, "/items/io-thread").body()).as("the server goes on meanwhile")
				.startsWith("mongoose-io-");
			Thread completer = new Thread(() -> api.pending.complete(new RoutesTestBeans.Item(9, "later", List.of())));
			completer.start();
			HttpResponse<String> reply = later.get(10, TimeUnit.SECONDS);
			assertThat(reply.statusCode()).isEqualTo(200);
			assertThat(json(reply)).isEqualTo(Map.of("id", 9, "name", "later", "tags", List.of()));
			assertProblem(get(context, "/items/async-failed"), 404, "no such item", "/items/async-failed");
			assertThat(get(context, "/items/async-thread").body()).isNotEmpty().doesNotStartWith("mongoose-");
		});
	}

	// ---- threads

	@Test
	void blockingRoutesRunOnAWorkerAndTheOthersOnTheIoThread(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		String registrar = UriHandlerRegistrar.class.getName();
		logging.setLogLevel(registrar, LogLevel.DEBUG);
		try {
			this.contextRunner.withBean(ItemsApi.class).withBean(RoutesTestBeans.BlockingApi.class).run((context) -> {
				assertThat(get(context, "/items/thread").body()).startsWith("mongoose-worker-");
				assertThat(get(context, "/items/io-thread").body()).startsWith("mongoose-io-");
				assertThat(get(context, "/blocking").body()).startsWith("mongoose-worker-");
			});
		}
		finally {
			logging.setLogLevel(registrar, null);
		}
		assertThat(output).containsPattern("GET\\s+/items/\\{id}\\s+-> ItemsApi.get\\n")
			.containsPattern("GET\\s+/items/thread\\s+-> .*ItemsApi.workerThread on the worker executor")
			.containsPattern("POST\\s+/items\\s+-> ItemsApi.create");
	}

	@Test
	void requestsOfARouteCarryItsTemplate() {
		List<String> templates = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.contextRunner.withBean(ItemsApi.class)
			.withBean(RequestListener.class, () -> (c, nanos, bytes) -> templates.add(c.matchedRoute()))
			.run((context) -> {
				get(context, "/items/7");
				get(context, "/items/echo/a/b");
				assertThat(templates).containsExactly("/items/{id}", "/items/echo/{*rest}");
			});
	}

	// ---- start-up

	@Test
	void badRoutesFailStartUpNamingTheBean() {
		this.contextRunner.withBean("tie", RoutesTestBeans.Tie.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bean 'tie' (@UriHandler(\"/tie\"))"));
		this.contextRunner.withBean("uncaptured", RoutesTestBeans.Uncaptured.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bean 'uncaptured' (@UriHandler(\"/uncaptured\")): route GET \"/{id}\"")
				.hasMessageContaining("@PathVar \"key\" is not captured by the template (it captures [id])"));
		this.contextRunner.withBean("unbound", RoutesTestBeans.Unbound.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Bean 'unbound'")
				.hasMessageContaining("parameter 0 (String what) is not bound"));
	}

	// ---- helpers

	private static void assertProblem(HttpResponse<String> response, int status, String detail, String instance) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		Map<String, Object> problem = json(response);
		assertThat(problem).containsEntry("type", "about:blank")
			.containsEntry("status", status)
			.containsEntry("instance", instance)
			.containsKey("title");
		if (detail != null) {
			assertThat(problem).containsEntry("detail", detail);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), Map.class);
	}

	private HttpRequest.Builder request(AssertableApplicationContext context, String path) {
		int port = context.getBean(MongooseWebServer.class).getPort();
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> get(AssertableApplicationContext context, String path) throws Exception {
		return send(context, request(context, path));
	}

	private HttpResponse<String> post(AssertableApplicationContext context, String path, String json) throws Exception {
		return send(context, request(context, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(AssertableApplicationContext context, HttpRequest.Builder request)
			throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
