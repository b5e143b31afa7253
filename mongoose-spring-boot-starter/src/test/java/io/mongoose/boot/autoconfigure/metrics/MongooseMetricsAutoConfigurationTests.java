package io.mongoose.boot.autoconfigure.metrics;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.observation.MongooseObservationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongooseMetricsAutoConfiguration}, and the
 * {@code http.server.requests} timer that Boot's meter handler makes of the request
 * observations ({@link MongooseObservationAutoConfiguration}).
 */
class MongooseMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
				MongooseAutoConfiguration.class, MongooseMetricsAutoConfiguration.class,
				MongooseObservationAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0");

	@Test
	void metersAreBoundToTheRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(MongooseMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("mongoose.connections.active").gauge().value()).isZero();
			assertThat(registry.get("mongoose.websocket.sessions").gauge().value()).isZero();
			assertThat(registry.get("mongoose.threads").gauge().value()).isEqualTo(1);
			assertThat(registry.get("mongoose.push.reached").functionCounter().count()).isZero();
			assertThat(registry.get("mongoose.push.dropped").functionCounter().count()).isZero();
			assertThat(registry.get("mongoose.worker.active").gauge().value()).isZero();
			assertThat(registry.get("mongoose.worker.queued").gauge().value()).isZero();
			assertThat(registry.get("mongoose.worker.rejected").functionCounter().count()).isZero();
		});
	}

	@Test
	void requestRefusedBeforeItsTargetIsTimedWithoutAUri() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(5000);
				socket.getOutputStream().write("GET / HTTP/2.0\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				// read to the end: the server records the request before it closes the
				// connection
				assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
					.startsWith("HTTP/1.1 505 ");
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("http.server.requests").tag("status", "505").tag("uri", "UNKNOWN").timer().count())
				.isOne();
		});
	}

	@Test
	void inventedMethodsCannotGrowTheTimers() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			for (int i = 0; i < 200; i++) {
				assertThat(request(port, "INVENTED" + i + " /not/here/" + i)).startsWith("HTTP/1.1 ");
			}
			assertThat(request(port, "GET /not/here")).startsWith("HTTP/1.1 404");
			Collection<Timer> timers = context.getBean(MeterRegistry.class).find("http.server.requests").timers();
			assertThat(timers).hasSizeLessThanOrEqualTo(3);
			assertThat(timers).allSatisfy((timer) -> {
				assertThat(timer.getId().getTag("method")).isIn("GET", "UNKNOWN");
				assertThat(timer.getId().getTag("uri")).isIn("NOT_FOUND", "UNKNOWN");
			});
			assertThat(timers.stream()
				.filter((timer) -> "UNKNOWN".equals(timer.getId().getTag("method")))
				.mapToLong(Timer::count)
				.sum()).isEqualTo(200);
		});
	}

	/** One request on its own connection, read until the server closes it. */
	private static String request(int port, String requestLine) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseMeterBinder.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MongooseMeterBinder.class));
	}

}
