package io.mongoose.boot.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;

/**
 * {@link AutoConfiguration Auto-configuration} of {@link MongooseHealthIndicator}
 * ({@code management.health.mongoose.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, MongooseWebServer.class })
@ConditionalOnBean(MongooseWebServer.class)
@ConditionalOnEnabledHealthIndicator("mongoose")
public final class MongooseHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mongooseHealthIndicator")
	MongooseHealthIndicator mongooseHealthIndicator(MongooseWebServer webServer) {
		return new MongooseHealthIndicator(webServer);
	}

}
