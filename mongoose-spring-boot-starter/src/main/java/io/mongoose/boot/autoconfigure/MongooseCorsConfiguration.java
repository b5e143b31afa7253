package io.mongoose.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.mongoose.CorsPolicy;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Applies {@code mongoose.cors.*} to every server ({@code Server.setCorsPolicy}), so it
 * covers every handler, router and static file; only once an origin is allowed. The
 * policy is built at start-up, so an invalid one fails it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongooseCorsProperties.class)
class MongooseCorsConfiguration {

	@Bean
	@Conditional(OriginsAllowed.class)
	MongooseServerCustomizer mongooseCorsCustomizer(MongooseCorsProperties properties) {
		CorsPolicy policy = properties.toPolicy();
		return (server) -> {
			if (policy != null) {
				server.setCorsPolicy(policy);
			}
		};
	}

	/**
	 * {@code mongoose.cors.allowed-origins} holds an origin (comma-separated or indexed).
	 */
	static final class OriginsAllowed extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean set = Binder.get(context.getEnvironment())
				.bind("mongoose.cors.allowed-origins", Bindable.listOf(String.class))
				.map((origins) -> !origins.isEmpty())
				.orElse(false);
			return set ? ConditionOutcome.match("mongoose.cors.allowed-origins is set")
					: ConditionOutcome.noMatch("mongoose.cors.allowed-origins is not set");
		}

	}

}
