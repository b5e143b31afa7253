package io.mongoose.boot.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.health.MongooseHealthContributorAutoConfiguration;

/**
 * Tests for {@link MongooseActuatorAutoConfiguration}.
 */
class MongooseActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class, JacksonAutoConfiguration.class,
				EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				MongooseHealthContributorAutoConfiguration.class, MongooseActuatorAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=1s");

	@Test
	void healthEndpointIsServedUnderTheBasePath() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			HttpResponse<String> health = get(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			assertThat(get(port, "/actuator/metrics").statusCode()).isEqualTo(404);
			assertThat(get(port, "/actuator").body()).contains("/actuator/health");
		});
	}

	@Test
	void endpointsRunOnAWorkerThreadNeverOnTheIoThread() {
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		org.springframework.boot.health.contributor.HealthIndicator recording = () -> {
			threads.add(Thread.currentThread().getName());
			return org.springframework.boot.health.contributor.Health.up().build();
		};
		this.contextRunner
			.withBean("recording", org.springframework.boot.health.contributor.HealthIndicator.class, () -> recording)
			.run((context) -> {
				int port = context.getBean(MongooseWebServer.class).getPort();
				assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
				assertThat(threads).isNotEmpty().allSatisfy((name) -> assertThat(name).startsWith("mongoose-worker-"));
			});
	}

	@Test
	void healthShowsDetailsOnlyAsShowDetailsSays() {
		for (String showDetails : List.of("never", "when-authorized")) {
			this.contextRunner.withPropertyValues("management.endpoint.health.show-details=" + showDetails)
				.run((context) -> {
					int port = context.getBean(MongooseWebServer.class).getPort();
					HttpResponse<String> health = get(port, "/actuator/health");
					assertThat(health.statusCode()).isEqualTo(200);
					assertThat(health.body()).as(showDetails).isEqualTo("{\"status\":\"UP\"}");
					assertThat(get(port, "/actuator/health/mongoose").body()).as(showDetails).doesNotContain("port");
				});
		}
		this.contextRunner.withPropertyValues("management.endpoint.health.show-details=always").run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(get(port, "/actuator/health").body()).contains("\"mongoose\"", "\"port\":" + port);
			assertThat(get(port, "/actuator/health/mongoose").statusCode()).isEqualTo(200);
			assertThat(get(port, "/actuator/health/nothing").statusCode()).isEqualTo(404);
		});
	}

	@Test
	void basePathFollowsTheManagementProperty() {
		this.contextRunner.withPropertyValues("management.endpoints.web.base-path=/manage").run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(get(port, "/manage/health").statusCode()).isEqualTo(200);
		});
	}

	@Test
	void otherMethodsGetACompleteMethodNotAllowed() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(MongooseWebServer.class).getPort();
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream()
					.write(("POST /actuator/health HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}"
							+ "DELETE /actuator HTTP/1.1\r\nHost: a\r\n\r\n"
							+ "HEAD /actuator/health HTTP/1.1\r\nHost: a\r\n\r\n"
							+ "GET /actuator/health HTTP/1.1\r\nHost: a\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				InputStream in = socket.getInputStream();
				for (int i = 0; i < 2; i++) {
					RawResponse refused = RawResponse.read(in, false);
					assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
					assertThat(refused.headers()).containsEntry("allow", "GET");
					assertThat(refused.body()).contains("\"status\":405");
				}
				RawResponse head = RawResponse.read(in, true);
				assertThat(head.statusLine()).isEqualTo("HTTP/1.1 200 OK");
				RawResponse health = RawResponse.read(in, false);
				assertThat(health.statusLine()).isEqualTo("HTTP/1.1 200 OK");
				assertThat(health.body()).contains("\"status\":\"UP\"");
			}
		});
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withPropertyValues("mongoose.actuator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseServerCustomizer.class)
				.doesNotHaveBean(ActuatorEndpoints.class));
	}

	@Test
	void queryParametersAreDecodedAndRepeatable() {
		assertThat(ActuatorRequestHandler.query("tag=uri:%2Fa&tag=status:200&x"))
			.isEqualTo(Map.of("tag", List.of("uri:/a", "status:200"), "x", List.of("")));
	}

	/**
	 * One response read off a raw socket: framed by Content-Length or chunked, else a
	 * failure.
	 */
	private record RawResponse(String statusLine, Map<String, String> headers, String body) {

		static RawResponse read(InputStream in, boolean head) throws IOException {
			String statusLine = line(in);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = line(in); !line.isEmpty(); line = line(in)) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
						line.substring(colon + 1).trim());
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (head) {
				return new RawResponse(statusLine, headers, "");
			}
			if (headers.containsKey("content-length")) {
				body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
			}
			else {
				assertThat(headers).containsEntry("transfer-encoding", "chunked");
				for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
					body.write(in.readNBytes(size));
					assertThat(line(in)).isEmpty();
				}
				assertThat(line(in)).isEmpty();
			}
			return new RawResponse(statusLine, headers, body.toString(StandardCharsets.UTF_8));
		}

		/** A CRLF-terminated line; the stream must not end first. */
		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != '\n') {
				assertThat(b).as("end of stream inside a response").isNotNegative();
				line.append((char) b);
			}
			assertThat(line).endsWith("\r");
			return line.substring(0, line.length() - 1);
		}

	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
