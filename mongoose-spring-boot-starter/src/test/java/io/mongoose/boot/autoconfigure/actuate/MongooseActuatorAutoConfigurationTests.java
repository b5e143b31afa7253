package io.mongoose.boot.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, MongooseHealthContributorAutoConfiguration.class,
				MongooseActuatorAutoConfiguration.class))
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
	void canBeTurnedOff() {
		this.contextRunner.withPropertyValues("mongoose.actuator.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseServerCustomizer.class));
	}

	@Test
	void queryParametersAreDecodedAndRepeatable() {
		assertThat(MongooseActuatorHandler.query("tag=uri:%2Fa&tag=status:200&x"))
			.isEqualTo(Map.of("tag", List.of("uri:/a", "status:200"), "x", List.of("")));
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
