package io.mongoose.boot.test;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mongoose.DirectClient;
import io.mongoose.Server;

/**
 * The {@link DirectClient} of a {@link MongooseHandlerTest}: in-memory requests to the
 * application's (first) server, handed to its IO thread.
 */
@Configuration(proxyBeanMethods = false)
class DirectClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DirectClient mongooseDirectClient(Server server) {
		return DirectClient.of(server);
	}

}
