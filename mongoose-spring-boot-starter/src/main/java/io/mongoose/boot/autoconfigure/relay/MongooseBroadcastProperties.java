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
	 * Pub/sub channel shared by the instances that broadcast to each other.
	 */
	private String channel = "mongoose:broadcast";

	/**
	 * Id of this instance, unique among the instances; a random UUID when unset.
	 */
	private @Nullable String instanceId;

	/**
	 * Maximum number of broadcasts waiting to be published; beyond it they are not
	 * relayed and are counted as failures.
	 */
	private int queueCapacity = 1024;

	/**
	 * Time between two attempts to subscribe again after the subscription failed.
	 */
	private Duration recoveryInterval = Duration.ofSeconds(1);

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

	/**
	 * Relays for the cluster-wide broadcast.
	 */
	public enum Relay {

		/**
		 * Broadcasts stay on this instance.
		 */
		NONE,

		/**
		 * Broadcasts go through Redis pub/sub (needs Spring Data Redis).
		 */
		REDIS

	}

}
