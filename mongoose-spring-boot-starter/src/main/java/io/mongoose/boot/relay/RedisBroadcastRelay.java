package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A {@link BroadcastRelay} over Redis pub/sub (Spring Data Redis): every broadcast is
 * published as a {@link BroadcastEnvelope} to one channel that all instances subscribe
 * to; envelopes whose origin is this instance are ignored, so the publisher, which
 * delivered locally already, does not deliver twice.
 * <p>
 * At most once. A broadcast reaches the other instances if Redis takes it within its
 * command timeout ({@code spring.data.redis.timeout}) while they are subscribed;
 * otherwise it is dropped and counted in {@link #getDroppedCount()}. Once a command
 * failed, Redis counts as unreachable: every broadcast is dropped at once, without
 * trying, until a {@code PING} (every {@code recoveryInterval}) is answered again.
 * Nothing published during an outage reaches the other instances afterwards.
 * <p>
 * Subscribing uses a {@link RedisMessageListenerContainer}, started in the background and
 * tried again every {@code recoveryInterval} until Redis answers; once subscribed, the
 * client reconnects and re-subscribes by itself after a lost connection. The relay counts
 * as receiving from Redis's confirmation of the subscription until a command fails.
 *
 * @since 0.1.0
 */
public class RedisBroadcastRelay extends AbstractRedisBroadcastRelay {

	private final byte[] channelBytes;

	private final RedisMessageListenerContainer container;

	private volatile @Nullable Resubscriber subscriber;

	/**
	 * Creates a relay.
	 * @param connectionFactory the Redis connections, from {@code spring.data.redis.*}
	 * @param channel the pub/sub channel shared by all instances
	 * @param instanceId the id of this instance, unique among the instances
	 * @param queueCapacity the most envelopes waiting to be published
	 * @param recoveryInterval the time between two attempts after a failure
	 * @param startupTimeout how long the start waits for the subscription
	 */
	@SuppressWarnings("this-escape") // the listener and error handler run only after
										// start()
	public RedisBroadcastRelay(RedisConnectionFactory connectionFactory, String channel, String instanceId,
			int queueCapacity, Duration recoveryInterval, Duration startupTimeout) {
		super(connectionFactory, channel, instanceId, queueCapacity, recoveryInterval, startupTimeout);
		this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		this.container.setTaskExecutor(new SyncTaskExecutor());
		this.container.setRecoveryInterval(recoveryInterval.toMillis());
		this.container.setErrorHandler((ex) -> failed("Delivering a relayed broadcast failed", ex));
		this.container.addMessageListener(new Listener(), new ChannelTopic(channel));
		this.container.setBeanName("mongooseBroadcastRelayContainer");
		this.container.afterPropertiesSet();
	}

	@Override
	protected void send(byte[] envelope) {
		if (!isRedisReachable()) {
			dropped();
			return;
		}
		long sent = System.nanoTime();
		try (RedisConnection connection = getConnectionFactory().getConnection()) {
			connection.publish(this.channelBytes, envelope);
			published();
		}
		catch (RuntimeException ex) {
			dropped();
			unreachable(ex, sent);
		}
	}

	@Override
	protected void startReceiving() {
		Resubscriber subscriber = new Resubscriber(getRecoveryInterval(), this.container::start, (ex) -> {
			failed("Subscribing to Redis " + describe() + " failed, trying again in " + getRecoveryInterval().toMillis()
					+ " ms", ex);
			this.container.stop();
		});
		this.subscriber = subscriber;
		subscriber.subscribe();
	}

	@Override
	protected void stopReceiving() {
		Resubscriber subscriber = this.subscriber;
		this.subscriber = null;
		if (subscriber != null) {
			subscriber.stop();
		}
		this.container.stop();
	}

	@Override
	public void destroy() throws Exception {
		this.container.destroy();
	}

	@Override
	protected String describe() {
		return "channel '" + getChannel() + "'";
	}

	@Override
	public String getName() {
		return "redis";
	}

	/**
	 * Return whether the listener container is subscribed to the channel.
	 * @return {@code true} if subscribed
	 */
	public boolean isListening() {
		return this.container.isListening();
	}

	/**
	 * Receives the channel's messages and Redis's confirmations of the subscription, also
	 * those after the client re-subscribed by itself.
	 */
	private final class Listener implements MessageListener, SubscriptionListener {

		@Override
		public void onMessage(Message message, byte @Nullable [] pattern) {
			onChannelMessage(message.getBody());
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			receiving();
		}

		@Override
		public void onChannelUnsubscribed(byte[] channel, long count) {
			notReceiving();
		}

	}

}
