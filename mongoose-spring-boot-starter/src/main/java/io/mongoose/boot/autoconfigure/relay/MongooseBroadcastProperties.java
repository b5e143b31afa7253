package io.mongoose.boot.autoconfigure.relay;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the cluster-wide broadcast, bound to
 * {@code mongoose.broadcast.*}. The Redis connection itself is Spring Boot's
 * ({@code spring.data.redis.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mongoose.broadcast")
public class MongooseBroadcastProperties {

	/**
	 * Relay that carries broadcasts to the other instances of the application; 'none'
	 * keeps them on this instance.
	 */
	private Relay relay = Relay.NONE;

	/**
	 * Pub/sub channel (or stream key, with 'redis-streams') shared by the instances that
	 * broadcast to each other.
	 */
	private String channel = "mongoose:broadcast";

	/**
	 * Id of this instance, unique among the instances; a random UUID when unset.
	 */
	private @Nullable String instanceId;

	/**
	 * Maximum number of broadcasts waiting to be published; beyond it they are dropped
	 * (mongoose.broadcast.relay.dropped).
	 */
	private int queueCapacity = 1024;

	/**
	 * Time between two attempts after a failure (subscribing, reading, publishing to the
	 * stream), and between two checks that Redis answers.
	 */
	private Duration recoveryInterval = Duration.ofSeconds(1);

	/**
	 * How long start-up waits until the relay receives (subscription confirmed, stream
	 * read); then the application starts without it and the relay goes on trying.
	 */
	private Duration startupTimeout = Duration.ofSeconds(5);

	private final Streams streams = new Streams();

	public Relay getRelay() {
		return this.relay;
	}

	public void setRelay(Relay relay) {
		this.relay = relay;
	}

	public String getChannel() {
		return this.channel;
	}

	public void setChannel(String channel) {
		this.channel = channel;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getRecoveryInterval() {
		return this.recoveryInterval;
	}

	public void setRecoveryInterval(Duration recoveryInterval) {
		this.recoveryInterval = recoveryInterval;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public Streams getStreams() {
		return this.streams;
	}

	/**
	 * Settings of the Redis Streams relay.
	 */
	public static class Streams {

		/**
		 * Approximate number of entries the stream is trimmed to (XADD MAXLEN ~); an
		 * instance that is away longer than that many broadcasts misses the oldest.
		 */
		private long maxLength = 10000;

		public long getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

	}

	/**
	 * Relays for the cluster-wide broadcast.
	 */
	public enum Relay {

		/**
		 * Broadcasts stay on this instance.
		 */
		NONE,

		/**
		 * Broadcasts go through Redis pub/sub, at most once (needs Spring Data Redis).
		 */
		REDIS,

		/**
		 * Broadcasts go through a Redis stream, at least once with duplicates dropped
		 * (needs Spring Data Redis).
		 */
		REDIS_STREAMS,

		/**
		 * Broadcasts go through Redis sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7+), at
		 * most once, within the shard of the channel's slot on Redis Cluster (needs
		 * Spring Data Redis with Lettuce).
		 */
		REDIS_SHARDED

	}

}
