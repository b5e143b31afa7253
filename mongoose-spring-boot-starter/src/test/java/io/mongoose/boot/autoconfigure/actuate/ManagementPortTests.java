package io.mongoose.boot.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code management.server.port}: the endpoints are served on a listener of their own,
 * not on the application's port.
 */
// closed after the class: other tests count the IO threads of the JVM
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=health,mongoose", "management.health.redis.enabled=false",
				"mongoose.shutdown=immediate" })
class ManagementPortTests {

	@LocalServerPort
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Test
	void endpointsAreServedOnTheManagementPortOnly() throws Exception {
		assertThat(this.managementPort).isPositive().isNotEqualTo(this.port);
		assertThat(get(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/hello").statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/hello").statusCode()).isEqualTo(404);
		assertThat(get(this.managementPort, "/actuator/mongoose").body()).contains("\"name\":\"management\"",
				"\"port\":" + this.managementPort);
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
