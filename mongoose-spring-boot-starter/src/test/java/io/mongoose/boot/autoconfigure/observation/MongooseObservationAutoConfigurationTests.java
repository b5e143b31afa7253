package io.mongoose.boot.autoconfigure.observation;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.observation.DefaultMongooseRequestObservationConvention;
import io.mongoose.boot.observation.MongooseRequestObservationContext;
import io.mongoose.boot.observation.MongooseRequestObservationConvention;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongooseObservationAutoConfiguration}: requests as observations, over
 * real sockets, with Micrometer's test registry and with Boot's Brave tracing.
 */
class MongooseObservationAutoConfigurationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String PARENT_SPAN_ID = "b7ad6b7169203331";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

	private static final String EXECUTOR = "mongooseWorkerExecutor";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MongooseAutoConfiguration.class,
				MongooseObservationAutoConfiguration.class))
		.withUserConfiguration(HandlersConfiguration.class)
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void requestIsAnObservationWithSpringsKeys() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(get(context, "/hello/world?q=1").body()).isEqualTo("hello");
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasNameEqualTo("http.server.requests")
				.hasContextualNameEqualTo("http get /hello")
				.hasLowCardinalityKeyValue("method", "GET")
				.hasLowCardinalityKeyValue("uri", "/hello")
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasLowCardinalityKeyValue("exception", "none")
				.hasHighCardinalityKeyValue("http.url", "/hello/world")
				.hasBeenStarted()
				.hasBeenStopped();
		});
	}

	@Test
	void requestNoHandlerTookIsNotFoundNeverItsPath() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(get(context, "/not/here").statusCode()).isEqualTo(404);
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("uri", "NOT_FOUND")
				.hasLowCardinalityKeyValue("status", "404")
				.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
				.hasHighCardinalityKeyValue("http.url", "/not/here")
				.hasBeenStopped();
		});
	}

	@Test
	void handlerFailureIsTheObservationsError() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(get(context, "/fails").statusCode()).isEqualTo(500);
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("uri", "/fails")
				.hasLowCardinalityKeyValue("status", "500")
				.hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
				.hasLowCardinalityKeyValue("exception", "IllegalStateException")
				.hasError()
				.hasBeenStopped();
		});
	}

	@Test
	void inventedMethodIsUnknown() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(raw(context, "INVENTED /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 200 ");
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("method", "UNKNOWN")
				.hasContextualNameEqualTo("http unknown /hello");
		});
	}

	@Test
	void requestRefusedBeforeItsTargetIsObservedWithoutAUri() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(raw(context, "GET / HTTP/2.0\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 505 ");
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("uri", "UNKNOWN")
				.hasLowCardinalityKeyValue("status", "505")
				.hasHighCardinalityKeyValue("http.url", "UNKNOWN")
				.hasBeenStopped();
		});
	}

	@Test
	void userConventionReplacesTheDefault() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(MongooseRequestObservationConvention.class, TenantConvention::new)
			.run((context) -> {
				assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
				assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
					.hasNameEqualTo("tenant.requests")
					.hasLowCardinalityKeyValue("tenant", "acme")
					.hasLowCardinalityKeyValue("uri", "/hello");
			});
	}

	@Test
	void observationNameFollowsBootsProperty() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("management.observations.http.server.requests.name=mongoose.requests")
			.run((context) -> {
				assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
				assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
					.hasNameEqualTo("mongoose.requests");
			});
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MongooseAutoConfiguration.class, MongooseObservationAutoConfiguration.class))
			.withPropertyValues("mongoose.listening-port=127.0.0.1:0")
			.run((context) -> assertThat(context).hasSingleBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseRequestObserver.class));
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseRequestObserver.class));
	}

	@Test
	void traceparentIsContinuedAndItsIdsAreInTheMdcOnTheIoThread() {
		tracing().run((context) -> {
			String[] ids = get(context, "/mdc", TRACEPARENT).body().split(" ");
			assertThat(ids[0]).isEqualTo(TRACE_ID);
			assertThat(ids[1]).matches("[0-9a-f]{16}").isNotEqualTo(PARENT_SPAN_ID);
			assertThat(ids[2]).startsWith("mongoose-io-");
			// the scope closed with the handler: the IO thread's next task sees no ids
			CompletableFuture<String> after = new CompletableFuture<>();
			context.getBean(MongooseWebServer.class)
				.getServers()
				.get(0)
				.execute(() -> after.complete(MDC.get("traceId") + " " + MDC.get("spanId")));
			assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("null null");
		});
	}

	@Test
	void traceparentIsContinuedAndItsIdsAreInTheMdcOnAWorker() {
		tracing().withPropertyValues("mongoose.worker.threads=1").run((context) -> {
			String[] ids = get(context, "/mdc-blocking", TRACEPARENT).body().split(" ");
			assertThat(ids[0]).isEqualTo(TRACE_ID);
			assertThat(ids[1]).matches("[0-9a-f]{16}").isNotEqualTo(PARENT_SPAN_ID);
			assertThat(ids[2]).startsWith("mongoose-worker-");
			// the one worker thread's next task sees no ids
			CompletableFuture<String> after = new CompletableFuture<>();
			context.getBean(EXECUTOR, Executor.class)
				.execute(() -> after.complete(MDC.get("traceId") + " " + MDC.get("spanId")));
			assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("null null");
		});
	}

	@Test
	void requestWithoutTraceparentStartsItsOwnTrace() {
		tracing().run((context) -> {
			String first = get(context, "/mdc", null).body().split(" ")[0];
			String second = get(context, "/mdc", null).body().split(" ")[0];
			assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID).isNotEqualTo(second);
		});
	}

	/** Boot's own tracing: Brave, W3C propagation, ids in the MDC. */
	private ApplicationContextRunner tracing() {
		return this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0");
	}

	private HttpResponse<String> get(AssertableApplicationContext context, String path) throws Exception {
		return get(context, path, null);
	}

	private HttpResponse<String> get(AssertableApplicationContext context, String path, String traceparent)
			throws Exception {
		int port = context.getBean(MongooseWebServer.class).getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** One request on its own connection, read until the server closes it. */
	private static String raw(AssertableApplicationContext context, String request) throws Exception {
		int port = context.getBean(MongooseWebServer.class).getPort();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	static class TenantConvention extends DefaultMongooseRequestObservationConvention {

		TenantConvention() {
			super("tenant.requests");
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(MongooseRequestObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and(KeyValue.of("tenant", "acme"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		Hello hello() {
			return new Hello();
		}

		@Bean
		Fails fails() {
			return new Fails();
		}

		@Bean
		MdcIds mdcIds() {
			return new MdcIds();
		}

		@Bean
		BlockingMdcIds blockingMdcIds() {
			return new BlockingMdcIds();
		}

	}

	@UriHandler("/hello")
	static class Hello implements Handler {

		@Override
		public Result handle(Connection connection) {
			connection.sendReply(200, "text/plain", "hello");
			return Result.DONE;
		}

	}

	@UriHandler("/fails")
	static class Fails implements Handler {

		@Override
		public Result handle(Connection connection) {
			throw new IllegalStateException("failing on purpose");
		}

	}

	/** Answers with the ids a log line written here would carry, and the thread. */
	static Handler.Result replyMdc(Connection connection) {
		connection.sendReply(200, "text/plain",
				MDC.get("traceId") + " " + MDC.get("spanId") + " " + Thread.currentThread().getName());
		return Handler.Result.DONE;
	}

	@UriHandler("/mdc")
	static class MdcIds implements Handler {

		@Override
		public Result handle(Connection connection) {
			return replyMdc(connection);
		}

	}

	@UriHandler(value = "/mdc-blocking", blocking = true)
	static class BlockingMdcIds implements Handler {

		@Override
		public Result handle(Connection connection) {
			return replyMdc(connection);
		}

	}

}
