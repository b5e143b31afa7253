package io.mongoose.boot.autoconfigure.relay;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.StringUtils;

import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.relay.AbstractRedisBroadcastRelay;
import io.mongoose.boot.relay.BroadcastRelay;
import io.mongoose.boot.relay.RedisBroadcastRelay;
import io.mongoose.boot.relay.RedisShardedBroadcastRelay;
import io.mongoose.boot.relay.RedisStreamsBroadcastRelay;

/**
 * {@link AutoConfiguration Auto-configuration} of the cluster-wide broadcast relay: with
 * {@code mongoose.broadcast.relay=redis} (pub/sub), {@code redis-streams} or
 * {@code redis-sharded} (sharded pub/sub, for Redis Cluster) and Spring Data Redis on the
 * classpath, a relay on Boot's {@link RedisConnectionFactory}
 * ({@code spring.data.redis.*}) that the {@link io.mongoose.boot.ConnectionBroadcaster}
 * routes through, its meters and its health ({@code broadcastRelay}, which never fails
 * the application's health). Asking for a Redis relay without Spring Data Redis fails
 * start-up.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBean(MongooseWebServer.class)
@Conditional(MongooseBroadcastRelayAutoConfiguration.OnRedisRelay.class)
@EnableConfigurationProperties(MongooseBroadcastProperties.class)
public final class MongooseBroadcastRelayAutoConfiguration {

	/** The longest a stream read blocks, so that stopping never waits long. */
	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, RedisMessageListenerContainer.class })
	static class RedisRelayConfiguration {

		@Bean(destroyMethod = "destroy")
		@ConditionalOnMissingBean(BroadcastRelay.class)
		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis")
		RedisBroadcastRelay redisBroadcastRelay(RedisConnectionFactory connectionFactory,
				MongooseBroadcastProperties properties) {
			return new RedisBroadcastRelay(connectionFactory, properties.getChannel(), instanceId(properties),
					properties.getQueueCapacity(), properties.getRecoveryInterval(), properties.getStartupTimeout());
		}

		@Bean(destroyMethod = "destroy")
		@ConditionalOnMissingBean(BroadcastRelay.class)
		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis-streams")
		RedisStreamsBroadcastRelay redisStreamsBroadcastRelay(RedisConnectionFactory connectionFactory,
				MongooseBroadcastProperties properties) {
			return new RedisStreamsBroadcastRelay(connectionFactory, properties.getChannel(), instanceId(properties),
					properties.getQueueCapacity(), properties.getRecoveryInterval(), properties.getStartupTimeout(),
					properties.getStreams().getMaxLength(), pollTimeout(connectionFactory));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis-sharded")
		static class ShardedRelayConfiguration {

			@Bean(destroyMethod = "destroy")
			@ConditionalOnMissingBean(BroadcastRelay.class)
			RedisShardedBroadcastRelay redisShardedBroadcastRelay(RedisConnectionFactory connectionFactory,
					MongooseBroadcastProperties properties) {
				if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
					throw new IllegalStateException(
							"mongoose.broadcast.relay=redis-sharded needs Lettuce, Spring Boot's "
									+ "default Redis client: the connection factory is a "
									+ connectionFactory.getClass().getName());
				}
				return new RedisShardedBroadcastRelay(lettuce, properties.getChannel(), instanceId(properties),
						properties.getQueueCapacity(), properties.getRecoveryInterval(),
						properties.getStartupTimeout());
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass("io.lettuce.core.RedisClient")
		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis-sharded")
		static class MissingLettuceConfiguration {

			@Bean
			BroadcastRelay redisShardedBroadcastRelay() {
				throw new IllegalStateException("mongoose.broadcast.relay=redis-sharded needs Lettuce, Spring Boot's "
						+ "default Redis client (io.lettuce:lettuce-core)");
			}

		}

		private static String instanceId(MongooseBroadcastProperties properties) {
			String instanceId = properties.getInstanceId();
			return StringUtils.hasText(instanceId) ? instanceId : UUID.randomUUID().toString();
		}

		/**
		 * A blocking read must end before the client's command timeout, or the client
		 * counts it as failed.
		 */
		private static Duration pollTimeout(RedisConnectionFactory connectionFactory) {
			if (connectionFactory instanceof LettuceConnectionFactory lettuce) {
				Duration half = lettuce.getClientConfiguration().getCommandTimeout().dividedBy(2);
				return (half.compareTo(MAX_POLL) < 0 && !half.isZero()) ? half : MAX_POLL;
			}
			return MAX_POLL;
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class RelayMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			BroadcastRelayMeterBinder broadcastRelayMeterBinder(ObjectProvider<AbstractRedisBroadcastRelay> relay) {
				return new BroadcastRelayMeterBinder(relay);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HealthIndicator.class)
		@ConditionalOnEnabledHealthIndicator("broadcastRelay")
		static class RelayHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "broadcastRelayHealthIndicator")
			BroadcastRelayHealthIndicator broadcastRelayHealthIndicator(
					ObjectProvider<AbstractRedisBroadcastRelay> relay) {
				return new BroadcastRelayHealthIndicator(relay);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.listener.RedisMessageListenerContainer")
	static class MissingRedisConfiguration {

		@Bean
		BroadcastRelay redisBroadcastRelay(MongooseBroadcastProperties properties) {
			String relay = properties.getRelay().name().toLowerCase(Locale.ROOT).replace('_', '-');
			throw new IllegalStateException("mongoose.broadcast.relay=" + relay + " needs Spring Data Redis: add "
					+ "'org.springframework.boot:spring-boot-starter-data-redis' or set mongoose.broadcast.relay=none");
		}

	}

	/** {@code mongoose.broadcast.relay} names one of the Redis relays. */
	static final class OnRedisRelay extends AnyNestedCondition {

		OnRedisRelay() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis")
		static final class PubSub {

		}

		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis-streams")
		static final class Streams {

		}

		@ConditionalOnProperty(name = "mongoose.broadcast.relay", havingValue = "redis-sharded")
		static final class Sharded {

		}

	}

}
