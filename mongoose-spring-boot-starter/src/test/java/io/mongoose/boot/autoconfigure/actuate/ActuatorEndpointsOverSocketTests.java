package io.mongoose.boot.autoconfigure.actuate;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of Actuator web endpoint, served by Mongoose in a whole application and read
 * over a socket: the generic bridge picks the operation by path and method, passes path
 * variables, query parameters and JSON bodies, negotiates the content type and streams
 * resources.
 */
// closed after the class: other tests count the IO threads of the JVM
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=*",
				"management.endpoints.web.exposure.exclude=shutdown", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.custom.include=mongoose", "management.info.env.enabled=true",
				"info.app.name=mongoose-test", "management.endpoint.heapdump.access=unrestricted",
				"management.health.redis.enabled=false", "mongoose.shutdown=immediate" })
class ActuatorEndpointsOverSocketTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void linksListEveryExposedEndpoint() throws Exception {
		HttpResponse<String> links = get("/actuator", null);
		assertThat(links.statusCode()).isEqualTo(200);
		assertThat(links.body())
			.contains("/actuator/info", "/actuator/env", "/actuator/loggers", "/actuator/prometheus",
					"/actuator/threaddump", "/actuator/heapdump", "/actuator/mongoose")
			.doesNotContain("/actuator/shutdown");
	}

	@Test
	void infoAndEnv() throws Exception {
		assertThat(get("/actuator/info", null).body()).contains("\"name\":\"mongoose-test\"");
		HttpResponse<String> env = get("/actuator/env/info.app.name", null);
		assertThat(env.statusCode()).isEqualTo(200);
		assertThat(env.body()).contains("\"property\"");
		assertThat(get("/actuator/env", null).body()).contains("\"propertySources\"");
		assertThat(get("/actuator/nothing", null).statusCode()).isEqualTo(404);
	}

	@Test
	void loggersCanBeReadAndChangedWithPost() throws Exception {
		String logger = "/actuator/loggers/io.mongoose.boot.testapp";
		assertThat(get(logger, null).body()).doesNotContain("\"configuredLevel\":\"TRACE\"");
		HttpResponse<String> changed = this.http.send(request(logger, null).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"TRACE\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(changed.statusCode()).isEqualTo(204);
		assertThat(get(logger, null).body()).contains("\"configuredLevel\":\"TRACE\"");
		HttpResponse<String> bad = this.http.send(request(logger, null).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"LOUD\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(bad.statusCode()).isEqualTo(400);
		HttpResponse<String> notJson = this.http.send(request(logger, null).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("[1"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusReturnsTheTextFormat() throws Exception {
		get("/hello", null);
		HttpResponse<String> scrape = get("/actuator/prometheus", null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
		assertThat(scrape.body()).contains("# HELP ", "# TYPE ", "jvm_");
		HttpResponse<String> openMetrics = get("/actuator/prometheus", "application/openmetrics-text");
		assertThat(openMetrics.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
		assertThat(openMetrics.body()).endsWith("# EOF\n");
	}

	@Test
	void threadDumpAsJsonAndAsText() throws Exception {
		// no Accept, or a wildcard, is JSON whatever order the operations were found in
		assertThat(get("/actuator/threaddump", null).body()).contains("\"threads\"");
		assertThat(get("/actuator/threaddump", "*/*").body()).contains("\"threads\"");
		assertThat(get("/actuator/threaddump", "application/json;q=0.5, text/*").body()).contains("mongoose-io-1");
		HttpResponse<String> text = get("/actuator/threaddump", "text/plain");
		assertThat(text.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(text.body()).contains("mongoose-io-1");
		assertThat(get("/actuator/threaddump", "image/png").statusCode()).isEqualTo(406);
	}

	@Test
	void heapDumpIsStreamed() throws Exception {
		HttpResponse<InputStream> dump = this.http.send(request("/actuator/heapdump", null).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(dump.statusCode()).isEqualTo(200);
		assertThat(dump.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		try (InputStream in = dump.body()) {
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE");
		}
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	@Test
	void healthGroupsAndProbes() throws Exception {
		assertThat(get("/actuator/health/liveness", null).body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(get("/actuator/health/readiness", null).body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(get("/actuator/health/custom", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/nothing", null).statusCode()).isEqualTo(404);
	}

	@Test
	void mongooseEndpointListsRoutesServersAndOptions() throws Exception {
		HttpResponse<String> mongoose = get("/actuator/mongoose", null);
		assertThat(mongoose.statusCode()).isEqualTo(200);
		assertThat(mongoose.body()).contains("\"path\":\"/hello\"", "\"handler\":\"testApplication.HelloHandler\"",
				"\"path\":\"/actuator/loggers/{name}\"", "\"methods\":[\"POST\"]", "\"name\":\"application\"",
				"\"port\":" + this.port, "\"listening_port\":\"" + this.port + "\"");
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return this.http.send(request(path, accept).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String accept) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60));
		return (accept != null) ? builder.header("Accept", accept) : builder;
	}

}
