package io.mongoose.boot.autoconfigure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.CorsPolicy;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Applies {@code mongoose.cors.*} to every server ({@code Server.setCorsPolicy}), so it
 * covers every handler, router and static file; nothing while no origin is allowed. The
 * policy is built at start-up, so an invalid one fails it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongooseCorsProperties.class)
class MongooseCorsConfiguration {

	@Bean
	MongooseServerCustomizer mongooseCorsCustomizer(MongooseCorsProperties properties) {
		CorsPolicy policy = properties.toPolicy();
		return (server) -> {
			if (policy != null) {
				server.setCorsPolicy(policy);
			}
		};
	}

}
