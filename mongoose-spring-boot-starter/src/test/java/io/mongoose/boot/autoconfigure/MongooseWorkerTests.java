package io.mongoose.boot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.autoconfigure.metrics.MongooseMetricsAutoConfiguration;

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

	private static final String EXECUTOR = "mongooseWorkerExecutor";

	private static final int WAIT_SECONDS = 10;

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

	@Test
	void defaultPoolIsSharedByAllServersAndSizedByTheWorkerProperties() {
		this.contextRunner
			.withPropertyValues("mongoose.threads=2", "mongoose.worker.threads=3", "mongoose.worker.queue-capacity=5")
			.withBean(ExecutorUser.class)
			.run((context) -> {
				ThreadPoolExecutor pool = context.getBean(EXECUTOR, ThreadPoolExecutor.class);
				assertThat(pool.getCorePoolSize()).isEqualTo(3);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
				assertThat(pool.getQueue().remainingCapacity()).isEqualTo(5);
				assertThat(context.getBean(MongooseWebServer.class).getServers()).hasSize(2)
					.allSatisfy((server) -> assertThat(server.getOption("worker_threads")).isEqualTo("3"));
				for (int i = 0; i < 4; i++) { // whichever IO thread accepts them
					assertThat(get(context, "/blocking").body()).startsWith("mongoose-worker-");
				}
				assertThat(pool.getTaskCount()).isEqualTo(4); // counted when handed over,
																// before they run
				// not an autowire candidate: it does not pass for the application's
				// executor
				assertThat(context.getBean(ExecutorUser.class).executor).isNull();
				context.close();
				assertThat(pool.isShutdown()).isTrue();
			});
	}

	@Test
	void virtualThreadsWhenEnabledOnJava21OrLaterThePlatformPoolOnJava17() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			String name = get(context, "/blocking").body();
			assertThat(name).startsWith("mongoose-worker-");
			boolean virtual = Runtime.version().feature() >= 21;
			assertThat(context.getBean(EXECUTOR))
				.isInstanceOf(virtual ? SimpleAsyncTaskExecutor.class : ThreadPoolExecutor.class);
			assertThat(get(context, "/virtual").body()).isEqualTo(Boolean.toString(virtual));
		});
	}

	@Test
	void userExecutorBeanNamedMongooseWorkerExecutorWins() {
		ExecutorService mine = Executors.newSingleThreadExecutor((task) -> new Thread(task, "my-worker"));
		try {
			this.contextRunner.withBean(EXECUTOR, Executor.class, () -> mine).run((context) -> {
				assertThat(context).doesNotHaveBean(ThreadPoolExecutor.class)
					.doesNotHaveBean(SimpleAsyncTaskExecutor.class);
				assertThat(get(context, "/blocking").body()).isEqualTo("my-worker");
			});
		}
		finally {
			mine.shutdownNow();
		}
	}

	@Test
	void fullQueueAnswers503WithRetryAfterAndIsCounted() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, MongooseMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("mongoose.worker.threads=1", "mongoose.worker.queue-capacity=1")
			.run((context) -> {
				Gate gate = context.getBean(Gate.class);
				CompletableFuture<HttpResponse<String>> held = getAsync(context, "/hold");
				assertThat(gate.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
				context.getBean(EXECUTOR, ThreadPoolExecutor.class).execute(() -> {
				}); // the queue's one place
				HttpResponse<String> refused = get(context, "/hold");
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(get(context, "/plain").body()).startsWith("mongoose-io-"); // the
																						// IO
																						// thread
																						// serves
																						// on
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("mongoose.worker.active").gauge().value()).isOne();
				assertThat(registry.get("mongoose.worker.rejected").functionCounter().count()).isOne();
				gate.release.countDown();
				assertThat(held.get(WAIT_SECONDS, TimeUnit.SECONDS).body()).isEqualTo("released");
			});
	}

	@Test
	void gracefulShutdownLetsABlockingRequestFinishThenStopsThePool() {
		this.contextRunner.run((context) -> {
			Gate gate = context.getBean(Gate.class);
			ThreadPoolExecutor pool = context.getBean(EXECUTOR, ThreadPoolExecutor.class);
			CountDownLatch closing = new CountDownLatch(1);
			context.addApplicationListener((event) -> {
				if (event instanceof ContextClosedEvent) {
					closing.countDown();
				}
			});
			CompletableFuture<HttpResponse<String>> held = getAsync(context, "/hold");
			assertThat(gate.started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			assertThat(closing.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			gate.release.countDown();
			HttpResponse<String> response = held.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("released");
			closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(pool.isShutdown()).isTrue();
		});
	}

	private CompletableFuture<HttpResponse<String>> getAsync(AssertableApplicationContext context, String path) {
		return this.http.sendAsync(request(context, path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(AssertableApplicationContext context, String path) throws Exception {
		return this.http.send(request(context, path), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest request(AssertableApplicationContext context, String path) {
		int port = context.getBean(MongooseWebServer.class).getPort();
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(WAIT_SECONDS))
			.build();
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

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		IsVirtual isVirtual() {
			return new IsVirtual();
		}

	}

	/** Injects "the" executor of the application, if there is one. */
	static class ExecutorUser {

		final Executor executor;

		ExecutorUser(ObjectProvider<Executor> executors) {
			this.executor = executors.getIfAvailable();
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

	/** Holds its request on the worker until the test releases it. */
	@UriHandler(value = "/hold", blocking = true)
	static class Gate implements Handler {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public Result handle(Connection connection) throws InterruptedException {
			this.started.countDown();
			boolean released = this.release.await(WAIT_SECONDS, TimeUnit.SECONDS);
			connection.sendReply(200, "text/plain", released ? "released" : "timed out");
			return Result.DONE;
		}

	}

	/** Answers whether it runs on a virtual thread; the starter compiles for Java 17. */
	@UriHandler(value = "/virtual", blocking = true)
	static class IsVirtual implements Handler {

		@Override
		public Result handle(Connection connection) throws ReflectiveOperationException {
			boolean virtual = Runtime.version().feature() >= 21
					&& (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			connection.sendReply(200, "text/plain", Boolean.toString(virtual));
			return Result.DONE;
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
