package io.mongoose.boot.autoconfigure.relay;

import java.util.UUID;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.StringUtils;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.relay.BroadcastRelay;
import io.mongoose.boot.relay.RedisBroadcastRelay;

/**
 * {@link AutoConfiguration Auto-configuration} of the cluster-wide broadcast relay: with
 * {@code mongoose.broadcast.relay=redis} and Spring Data Redis on the classpath, a
 * {@link RedisBroadcastRelay} on Boot's {@link RedisConnectionFactory}
 * ({@code spring.data.redis.*}) that the {@link io.mongoose.boot.ConnectionBroadcaster}
 * routes through. Asking for the Redis relay without Spring Data Redis fails start-up.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(MongooseWebServer.class)
@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis")
@EnableConfigurationProperties(MongooseBroadcastProperties.class)
public final class MongooseBroadcastRelayAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, RedisMessageListenerContainer.class })
	static class RedisRelayConfiguration {

		@Bean(destroyMethod = "destroy")
		@ConditionalOnMissingBean(BroadcastRelay.class)
		RedisBroadcastRelay redisBroadcastRelay(RedisConnectionFactory connectionFactory,
				MongooseBroadcastProperties properties) {
			String instanceId = properties.getInstanceId();
			return new RedisBroadcastRelay(connectionFactory, properties.getChannel(),
					StringUtils.hasText(instanceId) ? instanceId : UUID.randomUUID().toString(),
					properties.getQueueCapacity(), properties.getRecoveryInterval());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class RelayMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			BroadcastRelayMeterBinder broadcastRelayMeterBinder(ObjectProvider<RedisBroadcastRelay> relay) {
				return new BroadcastRelayMeterBinder(relay);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.listener.RedisMessageListenerContainer")
	static class MissingRedisConfiguration {

		@Bean
		BroadcastRelay redisBroadcastRelay() {
			throw new IllegalStateException("mongoose.broadcast.relay=redis needs Spring Data Redis: add "
					+ "'org.springframework.boot:spring-boot-starter-data-redis' or set mongoose.broadcast.relay=none");
		}

	}

}
