package io.mongoose.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListeningPorts}: {@code server.port} and {@code server.address} apply
 * unless {@code mongoose.listening-port} is set.
 */
class ListeningPortsTests {

	@Test
	void defaultIsBootsDefaultPort() {
		assertThat(ListeningPorts.resolve(new MockEnvironment(), "8080")).isEqualTo("8080");
	}

	@Test
	void serverPortAndAddressApplyWithoutMongooseListeningPort() {
		assertThat(ListeningPorts.resolve(new MockEnvironment().withProperty("server.port", "9999"), "8080"))
			.isEqualTo("9999");
		assertThat(ListeningPorts.resolve(
				new MockEnvironment().withProperty("server.port", "9999").withProperty("server.address", "127.0.0.1"),
				"8080"))
			.isEqualTo("127.0.0.1:9999");
		assertThat(ListeningPorts.resolve(new MockEnvironment().withProperty("server.address", "::1"), "8080"))
			.isEqualTo("[0:0:0:0:0:0:0:1]:8080");
	}

	@Test
	void mongooseListeningPortOverridesServerPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9999")
			.withProperty("mongoose.listening-port", "8081,8443s");
		assertThat(ListeningPorts.resolve(environment, "8081,8443s")).isEqualTo("8081,8443s");
		assertThat(ListeningPorts.resolve(new MockEnvironment().withProperty("server.port", "9999")
			.withProperty("mongoose.options.listening_port", "7"), "7")).isEqualTo("7");
	}

	@Test
	void anApplicationListensOnServerPort() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off")) {
			int port = context.getBean(MongooseWebServer.class).getPort();
			assertThat(port).isPositive().isNotEqualTo(8080);
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(port);
			assertThat(context.getBean(MongooseWebServer.class).getServers().get(0).getListeningPorts()).singleElement()
				.satisfies((listening) -> assertThat(listening.address().getAddress().getHostAddress())
					.isEqualTo("127.0.0.1"));
		}
	}

}
