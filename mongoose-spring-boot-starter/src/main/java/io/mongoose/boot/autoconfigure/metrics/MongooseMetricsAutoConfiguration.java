package io.mongoose.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.MongooseWorkers;

/**
 * {@link AutoConfiguration Auto-configuration} of the server's own {@code mongoose.*}
 * meters ({@link MongooseMeterBinder}). Request timings in {@code http.server.requests}
 * come from the request observations
 * ({@link io.mongoose.boot.autoconfigure.observation.MongooseObservationAutoConfiguration}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MongooseWebServer.class })
@ConditionalOnBean({ MeterRegistry.class, MongooseWebServer.class })
public final class MongooseMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MongooseMeterBinder mongooseMeterBinder(MongooseWebServer webServer,
			ObjectProvider<ConnectionBroadcaster> broadcaster, ObjectProvider<MongooseWorkers> workers) {
		return new MongooseMeterBinder(webServer, broadcaster, workers);
	}

}
