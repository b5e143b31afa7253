package io.mongoose.boot.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongooseHealthContributorAutoConfiguration}.
 */
class MongooseHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class,
				MongooseHealthContributorAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0");

	@Test
	void healthIndicatorReportsARunningServer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MongooseHealthIndicator.class);
			Health health = context.getBean(MongooseHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("port", context.getBean(MongooseWebServer.class).getPort())
				.containsEntry("threads", 1)
				.containsEntry("loopAlive", true)
				.containsKeys("connections", "webSockets", "lastPollAgeMillis");
		});
	}

	@Test
	void healthIndicatorIsDownOnceTheServerStopped() {
		this.contextRunner.run((context) -> {
			context.getBean(MongooseWebServer.class).stop();
			assertThat(context.getBean(MongooseHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void backsOffWithoutActuatorHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseHealthIndicator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.mongoose.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseHealthIndicator.class));
	}

	@Test
	void backsOffWhenMongooseIsDisabled() {
		this.contextRunner.withPropertyValues("mongoose.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseHealthIndicator.class));
	}

}
