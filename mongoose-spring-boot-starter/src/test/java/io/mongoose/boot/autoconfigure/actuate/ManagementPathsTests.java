package io.mongoose.boot.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code management.server.base-path} and the health groups' {@code additional-path}s, as
 * Spring MVC serves them: {@code server:} paths on the application's port,
 * {@code management:} paths on a management port of its own, below its base path. A group
 * with a DOWN member answers 503 at its additional path while another group answers 200:
 * each path serves its own group. Read over sockets.
 */
class ManagementPathsTests {

	private static final String[] GROUPS = { "management.endpoint.health.group.live.include=ping",
			"management.endpoint.health.group.live.additional-path=server:/livez",
			"management.endpoint.health.group.deep.include=broken",
			"management.endpoint.health.group.deep.additional-path=server:deep",
			"management.endpoint.health.group.ready.include=ping",
			"management.endpoint.health.group.ready.additional-path=management:/readyz" };

	@Test
	void aManagementPortOfItsOwnServesEverythingBelowItsBasePathAndManagementPaths() throws Exception {
		try (ConfigurableApplicationContext context = run("management.server.port=0",
				"management.server.address=127.0.0.1", "management.server.base-path=/manage/")) {
			int port = context.getBean(MongooseWebServer.class).getPort();
			int management = context.getEnvironment().getProperty("local.management.port", Integer.class);
			assertThat(management).isNotEqualTo(port);
			assertThat(get(management, "/manage/actuator/health").statusCode()).isEqualTo(503);
			assertThat(get(management, "/actuator/health").statusCode()).isEqualTo(404);
			assertThat(get(management, "/manage/actuator").body()).contains("/manage/actuator/health");
			assertThat(get(management, "/manage/actuator/mongoose").body()).contains("\"path\":\"/manage/readyz\"",
					"\"path\":\"/livez\"", "\"path\":\"/manage/actuator/health/{*path}\"");

			HttpResponse<String> ready = get(management, "/manage/readyz");
			assertThat(ready.statusCode()).isEqualTo(200);
			assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
			assertThat(get(management, "/readyz").statusCode()).isEqualTo(404);
			assertThat(get(port, "/readyz").statusCode()).as("management: paths are not on the application's port")
				.isEqualTo(404);

			assertServerPaths(port);
			assertThat(get(management, "/livez").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void onTheApplicationsPortServerPathsAreServedAndTheServerBasePathIsIgnored() throws Exception {
		try (ConfigurableApplicationContext context = run("management.server.base-path=/manage")) {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(503);
			assertThat(get(port, "/manage/actuator/health").statusCode()).isEqualTo(404);
			assertServerPaths(port);
			assertThat(get(port, "/readyz").statusCode()).as("no management port, no management: paths").isEqualTo(404);
		}
	}

	@Test
	void noEndpointsOverHttpNoAdditionalPaths() throws Exception {
		try (ConfigurableApplicationContext context = run("management.server.port=-1")) {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(get(port, "/livez").statusCode()).isEqualTo(404);
			assertThat(get(port, "/hello").statusCode()).isEqualTo(200);
		}
	}

	private static void assertServerPaths(int port) throws Exception {
		HttpResponse<String> live = get(port, "/livez");
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(get(port, "/deep").statusCode()).as("the group of the broken indicator").isEqualTo(503);
		assertThat(get(port, "/livez/more").statusCode()).isEqualTo(404);
		assertThat(get(port, "/hello").statusCode()).isEqualTo(200);
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.initializers((GenericApplicationContext context) -> context.registerBean("broken", HealthIndicator.class,
					() -> () -> Health.down().build()))
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,mongoose",
					"management.health.redis.enabled=false", "mongoose.shutdown=immediate")
			.properties(GROUPS)
			.properties(properties)
			.run();
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
