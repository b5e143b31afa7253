package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.sync.BaseRedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@link BroadcastRelay} over Redis sharded pub/sub ({@code SPUBLISH} and
 * {@code SSUBSCRIBE}, Redis 7+), for Redis Cluster: the channel is a shard channel, kept
 * by the shard that owns its hash slot, so a broadcast travels only within that shard
 * instead of to every node of the cluster as classic pub/sub does. Spring Data Redis does
 * not offer sharded pub/sub, so this relay uses the Lettuce client of Boot's
 * {@link LettuceConnectionFactory}: a cluster client with
 * {@code spring.data.redis.cluster.*}, else a standalone one (any Redis 7 answers sharded
 * commands).
 * <p>
 * The same guarantees as {@link RedisBroadcastRelay}, at most once: a broadcast reaches
 * the other instances if the shard takes it within the command timeout
 * ({@code spring.data.redis.timeout}) while they are subscribed; otherwise it is dropped,
 * and the publishing connection is closed so that the client does not send it later. Once
 * a command failed, broadcasts are dropped without trying until a {@code PING} is
 * answered again. The client re-subscribes after a lost connection; when the shard gives
 * the slot up (a resharding or a failover ends the subscription), the relay subscribes
 * again to the slot's new owner.
 *
 * @since 0.1.0
 */
public class RedisShardedBroadcastRelay extends AbstractRedisBroadcastRelay {

	private final byte[] channelBytes;

	private final AbstractRedisClient client;

	/**
	 * Boot's command timeout ({@code spring.data.redis.timeout}), as its connections
	 * have.
	 */
	private final Duration timeout;

	private final Listener listener = new Listener();

	private volatile @Nullable Resubscriber subscriber;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscription;

	private volatile @Nullable StatefulConnection<byte[], byte[]> publishing;

	private volatile @Nullable BaseRedisCommands<byte[], byte[]> commands;

	/**
	 * Creates a relay.
	 * @param connectionFactory the Redis connections, from {@code spring.data.redis.*};
	 * its Lettuce client is used for the sharded commands
	 * @param channel the shard channel shared by all instances
	 * @param instanceId the id of this instance, unique among the instances
	 * @param queueCapacity the most envelopes waiting to be published
	 * @param recoveryInterval the time between two attempts after a failure
	 * @param startupTimeout how long the start waits for the subscription
	 */
	public RedisShardedBroadcastRelay(LettuceConnectionFactory connectionFactory, String channel, String instanceId,
			int queueCapacity, Duration recoveryInterval, Duration startupTimeout) {
		super(connectionFactory, channel, instanceId, queueCapacity, recoveryInterval, startupTimeout);
		this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
		this.client = connectionFactory.getRequiredNativeClient();
		this.timeout = connectionFactory.getClientConfiguration().getCommandTimeout();
	}

	@Override
	protected void send(byte[] envelope) {
		if (!isRedisReachable()) {
			dropped();
			return;
		}
		long sent = System.nanoTime();
		try {
			commands().spublish(this.channelBytes, envelope);
			published();
		}
		catch (RuntimeException ex) {
			dropped();
			closePublishing(); // or the client sends it once it reconnects: not at most
								// once
			unreachable(ex, sent);
		}
	}

	/** The publishing connection, made on first use, on the publishing thread. */
	private BaseRedisCommands<byte[], byte[]> commands() {
		BaseRedisCommands<byte[], byte[]> current = this.commands;
		if (current == null) {
			if (this.client instanceof RedisClusterClient cluster) {
				StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
				connection.setTimeout(this.timeout);
				this.publishing = connection;
				current = connection.sync();
			}
			else {
				var connection = ((RedisClient) this.client).connect(ByteArrayCodec.INSTANCE);
				connection.setTimeout(this.timeout);
				this.publishing = connection;
				current = connection.sync();
			}
			this.commands = current;
		}
		return current;
	}

	@Override
	protected void startReceiving() {
		Resubscriber subscriber = new Resubscriber(getRecoveryInterval(), this::subscribe,
				(ex) -> failed("Subscribing to Redis " + describe() + " failed, trying again in "
						+ getRecoveryInterval().toMillis() + " ms", ex));
		this.subscriber = subscriber;
		subscriber.subscribe();
	}

	/**
	 * Subscribes on a new connection: in a cluster, on the node that owns the channel's
	 * slot (a shard channel lives on its shard only).
	 */
	private void subscribe() {
		closeSubscription();
		if (this.client instanceof RedisClusterClient cluster) {
			cluster.refreshPartitions();
			StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = cluster
				.connectPubSub(ByteArrayCodec.INSTANCE);
			this.subscription = connection;
			connection.setTimeout(this.timeout);
			connection.setNodeMessagePropagation(true);
			connection.addListener(this.listener);
			int slot = SlotHash.getSlot(this.channelBytes);
			var owner = connection.sync()
				.nodes((node) -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && node.hasSlot(slot));
			if (owner.size() == 0) {
				throw new IllegalStateException("no node of the cluster owns slot " + slot);
			}
			owner.commands().ssubscribe(this.channelBytes);
		}
		else {
			StatefulRedisPubSubConnection<byte[], byte[]> connection = ((RedisClient) this.client)
				.connectPubSub(ByteArrayCodec.INSTANCE);
			this.subscription = connection;
			connection.setTimeout(this.timeout);
			connection.addListener(this.listener);
			connection.sync().ssubscribe(this.channelBytes);
		}
	}

	private void closeSubscription() {
		StatefulRedisPubSubConnection<byte[], byte[]> connection = this.subscription;
		this.subscription = null;
		if (connection != null) {
			connection.removeListener(this.listener);
			connection.closeAsync();
		}
	}

	@Override
	protected void stopReceiving() {
		Resubscriber subscriber = this.subscriber;
		this.subscriber = null;
		if (subscriber != null) {
			subscriber.stop();
		}
		closeSubscription();
	}

	@Override
	public void destroy() {
		closePublishing();
	}

	/** Closes the publishing connection, cancelling what the client still holds. */
	private void closePublishing() {
		StatefulConnection<byte[], byte[]> connection = this.publishing;
		this.publishing = null;
		this.commands = null;
		if (connection != null) {
			connection.closeAsync();
		}
	}

	@Override
	protected String describe() {
		return "shard channel '" + getChannel() + "'";
	}

	@Override
	public String getName() {
		return "redis-sharded";
	}

	/** The shard channel's messages and the confirmations of the subscription. */
	private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {

		@Override
		public void smessage(byte[] channel, byte[] message) {
			onChannelMessage(message);
		}

		@Override
		public void ssubscribed(byte[] channel, long count) {
			receiving();
		}

		/**
		 * The shard ended the subscription: the slot moved to another shard, or the relay
		 * stops.
		 */
		@Override
		public void sunsubscribed(byte[] channel, long count) {
			notReceiving();
			Resubscriber subscriber = RedisShardedBroadcastRelay.this.subscriber;
			if (subscriber != null) {
				subscriber.subscribe();
			}
		}

	}

}
