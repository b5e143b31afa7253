package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.http.server.LocalTestWebServer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.boot.testapp.TestApplication;
import io.mongoose.test.WebSocketRecorder;

/**
 * Start-up and shutdown of a whole application: log lines, binding failures, graceful
 * drain, WebSocket close codes, and the port released once the context is closed.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongooseApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startUpIsLoggedInBootWordingAndThePortIsFreeAfterClose(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = run("mongoose.threads=2");
		int port = context.getBean(MongooseWebServer.class).getPort();
		assertThat(output).containsPattern("Mongoose started on port " + port + " \\(http\\) in \\d+ ms");
		context.close();
		assertThat(ioThreads()).isZero();
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
		}
		ConfigurableApplicationContext again = run("mongoose.listening-port=127.0.0.1:" + port);
		assertThat(again.getBean(MongooseWebServer.class).getPort()).isEqualTo(port);
		again.close();
	}

	@Test
	void routeTableIsLoggedAtDebugLevel(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(
				"logging.level.io.mongoose.boot.autoconfigure.UriHandlerRegistrar=debug")) {
			assertThat(output).contains("Mongoose routes (4):")
				.containsPattern("/events\\s+-> testApplication.EventsHandler")
				.containsPattern("/hello\\s+-> testApplication.HelloHandler")
				.containsPattern("/ws\\s+-> testApplication.EchoWebSocketHandler");
		}
	}

	@Test
	void invalidPropertiesAreReportedWithTheirNameAndReason(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("mongoose.threads=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: mongoose.threads")
			.contains("must be between 1 and 1024");
	}

	@Test
	void localTestWebServerFindsTheServer() {
		try (ConfigurableApplicationContext context = run()) {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(LocalTestWebServer.obtain(context).uri()).isEqualTo("http://localhost:" + port);
		}
	}

	@Test
	void gracefulShutdownFinishesRequestsInFlight(CapturedOutput output) throws Exception {
		TestApplication.slowStarted = new CountDownLatch(1);
		ConfigurableApplicationContext context = run("spring.lifecycle.timeout-per-shutdown-phase=5s");
		int port = context.getBean(MongooseWebServer.class).getPort();
		CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(TestApplication.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
		context.close();
		HttpResponse<String> finished = response.get(5, TimeUnit.SECONDS);
		assertThat(finished.statusCode()).isEqualTo(200);
		assertThat(finished.body()).isEqualTo("slow done");
		assertThat(output).contains("Commencing graceful shutdown. Waiting for active requests to complete")
			.contains("Graceful shutdown complete");
	}

	@Test
	void gracefulShutdownIsBoundedByTheShutdownPhaseTimeout(CapturedOutput output) throws Exception {
		TestApplication.slowStarted = new CountDownLatch(1);
		TestApplication.holdSlow = true;
		ConfigurableApplicationContext context = run("spring.lifecycle.timeout-per-shutdown-phase=100ms");
		int port = context.getBean(MongooseWebServer.class).getPort();
		CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
				HttpResponse.BodyHandlers.ofString());
		try {
			assertThat(TestApplication.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
			// the drain gives up at the timeout and says so before it calls back; the
			// context's own wait for the phase may end first, so the drain is asked here
			CompletableFuture<Boolean> idle = new CompletableFuture<>();
			context.getBean(MongooseWebServer.class).shutDownGracefully(Duration.ofMillis(100), idle::complete);
			assertThat(idle.get(5, TimeUnit.SECONDS)).as("idle within the timeout").isFalse();
			assertThat(output).contains("Graceful shutdown aborted with one or more requests still active");
			context.close();
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> response.get(5, TimeUnit.SECONDS))
				.withRootCauseInstanceOf(IOException.class);
		}
		finally {
			TestApplication.holdSlow = false;
		}
	}

	@Test
	void immediateShutdownDoesNotWaitForRequests() throws Exception {
		TestApplication.slowStarted = new CountDownLatch(1);
		ConfigurableApplicationContext context = run("mongoose.shutdown=immediate");
		int port = context.getBean(MongooseWebServer.class).getPort();
		CompletableFuture<HttpResponse<String>> response = this.http.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(TestApplication.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
		context.close();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> response.get(5, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IOException.class);
	}

	@Test
	void gracefulShutdownClosesWebSocketsWith1001WithinTheTimeout() throws Exception {
		ConfigurableApplicationContext context = run("spring.lifecycle.timeout-per-shutdown-phase=5s");
		try {
			int port = context.getBean(MongooseWebServer.class).getPort();
			WebSocketRecorder client = WebSocketRecorder.connect(port, "/ws/shutdown");
			context.close();
			assertThat(client.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(1001);
		}
		finally {
			context.close();
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	private static long ioThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("mongoose-io-") && thread.isAlive())
			.count();
	}

}
