package io.mongoose.boot.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.context.annotation.Bean;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;
import io.mongoose.boot.observation.DefaultMongooseRequestObservationConvention;
import io.mongoose.boot.observation.MongooseRequestObservationConvention;

/**
 * {@link AutoConfiguration Auto-configuration} of request observations: every request
 * served by Mongoose is an observation named {@code http.server.requests} (or
 * {@code management.observations.http.server.requests.name}), which Boot's handlers turn
 * into the {@code http.server.requests} timer and, with Micrometer Tracing, into a span
 * continuing the request's {@code traceparent}. A
 * {@link MongooseRequestObservationConvention} bean replaces the default names and keys.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, ObservationProperties.class, MongooseWebServer.class })
@ConditionalOnBean({ ObservationRegistry.class, MongooseWebServer.class })
public final class MongooseObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MongooseRequestObserver mongooseRequestObserver(ObservationRegistry registry,
			ObjectProvider<MongooseRequestObservationConvention> convention,
			ObjectProvider<ObservationProperties> properties, UriHandlerRegistrar registrar) {
		String name = properties.stream()
			.map((each) -> each.getHttp().getServer().getRequests().getName())
			.findFirst()
			.orElse(DefaultMongooseRequestObservationConvention.DEFAULT_NAME);
		return new MongooseRequestObserver(registry, convention.getIfAvailable(),
				new DefaultMongooseRequestObservationConvention(name), registrar);
	}

}
