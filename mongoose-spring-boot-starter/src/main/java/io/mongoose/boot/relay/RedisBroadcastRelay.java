package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.Assert;

/**
 * A {@link BroadcastRelay} over Redis pub/sub (Spring Data Redis): every broadcast is
 * published as a {@link BroadcastEnvelope} to one channel that all instances subscribe
 * to; envelopes whose origin is this instance are ignored, so the publisher, which
 * delivered locally already, does not deliver twice.
 * <p>
 * Publishing never blocks the caller: envelopes go to a bounded queue drained by one
 * thread ({@code mongoose-broadcast-relay}) that keeps their order; when the queue is
 * full, or Redis does not answer within its command timeout
 * ({@code spring.data.redis.timeout}), the message is dropped for the other instances,
 * counted in {@link #getFailureCount()} and logged at WARN (at most once per
 * {@link #WARN_INTERVAL}). Subscribing uses a {@link RedisMessageListenerContainer},
 * started in the background (start-up never waits for Redis) and tried again every
 * {@code recoveryInterval} until Redis answers; once subscribed, the client reconnects
 * and re-subscribes by itself after a lost connection. Redis pub/sub delivers at most
 * once: what is published while Redis is unreachable does not reach the other instances
 * later.
 *
 * @since 0.1.0
 */
public class RedisBroadcastRelay implements BroadcastRelay, SmartLifecycle {

	/** Shortest time between two WARN lines about failures. */
	public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(RedisBroadcastRelay.class);

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final byte[] channelBytes;

	private final String instanceId;

	private final int queueCapacity;

	private final RedisMessageListenerContainer container;

	private final LongAdder published = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final AtomicLong failuresNotLogged = new AtomicLong();

	private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

	private volatile boolean failing;

	private volatile @Nullable Consumer<RelayedBroadcast> receiver;

	private final Duration recoveryInterval;

	private volatile @Nullable ThreadPoolExecutor publisher;

	private volatile @Nullable ScheduledExecutorService subscriber;

	/**
	 * Creates a relay.
	 * @param connectionFactory the Redis connections, from {@code spring.data.redis.*}
	 * @param channel the pub/sub channel shared by all instances
	 * @param instanceId the id of this instance, unique among the instances
	 * @param queueCapacity the most envelopes waiting to be published
	 * @param recoveryInterval the time between two attempts to subscribe again
	 */
	public RedisBroadcastRelay(RedisConnectionFactory connectionFactory, String channel, String instanceId,
			int queueCapacity, Duration recoveryInterval) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.hasText(channel, "'channel' must not be empty");
		Assert.hasText(instanceId, "'instanceId' must not be empty");
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		Assert.isTrue(!recoveryInterval.isNegative() && !recoveryInterval.isZero(),
				"'recoveryInterval' must be positive");
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
		this.instanceId = instanceId;
		this.queueCapacity = queueCapacity;
		this.recoveryInterval = recoveryInterval;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		this.container.setTaskExecutor(new SyncTaskExecutor());
		this.container.setRecoveryInterval(recoveryInterval.toMillis());
		this.container.setErrorHandler((ex) -> failed("Delivering a relayed broadcast failed", ex));
		this.container.addMessageListener(this::onMessage, new ChannelTopic(channel));
		this.container.setBeanName("mongooseBroadcastRelayContainer");
		this.container.afterPropertiesSet();
	}

	@Override
	public void setReceiver(Consumer<RelayedBroadcast> receiver) {
		Assert.notNull(receiver, "'receiver' must not be null");
		this.receiver = receiver;
	}

	@Override
	public void publish(RelayedBroadcast broadcast) {
		ThreadPoolExecutor executor = this.publisher;
		if (executor == null) {
			logger.debug("Broadcast relay not running: the broadcast stays on this instance");
			return;
		}
		byte[] envelope = new BroadcastEnvelope(this.instanceId, broadcast).encode();
		try {
			executor.execute(() -> send(envelope));
		}
		catch (RejectedExecutionException ex) {
			failed("Broadcast relay queue full (" + this.queueCapacity + " messages): message not relayed", null);
		}
	}

	private void send(byte[] envelope) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.publish(this.channelBytes, envelope);
			this.published.increment();
			recovered();
		}
		catch (RuntimeException ex) {
			failed("Publishing a broadcast to Redis channel '" + this.channel + "' failed", ex);
		}
	}

	private void onMessage(Message message, byte @Nullable [] pattern) {
		BroadcastEnvelope envelope;
		try {
			envelope = BroadcastEnvelope.decode(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			failed("Ignoring a message on Redis channel '" + this.channel + "'", ex);
			return;
		}
		if (this.instanceId.equals(envelope.origin())) {
			return;
		}
		Consumer<RelayedBroadcast> target = this.receiver;
		if (target != null) {
			this.received.increment();
			target.accept(envelope.broadcast());
		}
	}

	private void failed(String message, @Nullable Throwable ex) {
		this.failures.increment();
		this.failing = true;
		long now = System.nanoTime();
		long next = this.nextWarnNanos.get();
		if (now - next >= 0 && this.nextWarnNanos.compareAndSet(next, now + WARN_INTERVAL.toNanos())) {
			long skipped = this.failuresNotLogged.getAndSet(0);
			String suffix = (skipped > 0) ? " (" + skipped + " more failures since the last warning)" : "";
			String cause = (ex != null) ? ": " + ex : "";
			logger.warn(message + cause + suffix + "; local delivery is not affected");
			if (ex != null && logger.isDebugEnabled()) {
				logger.debug(message, ex);
			}
		}
		else {
			this.failuresNotLogged.incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug(message, ex);
			}
		}
	}

	private void recovered() {
		if (this.failing) {
			this.failing = false;
			logger.info("Broadcast relay publishes to Redis channel '" + this.channel + "' again");
		}
	}

	/**
	 * Starts publishing, and subscribing in the background: start-up never waits for
	 * Redis; while Redis cannot be reached the subscription is tried again every
	 * {@code recoveryInterval}.
	 */
	@Override
	public void start() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(this.queueCapacity), daemon("mongoose-broadcast-relay"));
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(daemon("mongoose-broadcast-relay-subscriber"));
		this.subscriber = scheduler;
		this.publisher = executor;
		scheduler.execute(this::subscribe);
		logger
			.info("Broadcast relay on Redis channel '" + this.channel + "' started (instance " + this.instanceId + ")");
	}

	private void subscribe() {
		try {
			this.container.start();
			if (this.failing) {
				logger.info("Broadcast relay subscribed to Redis channel '" + this.channel + "'");
			}
		}
		catch (RuntimeException ex) {
			failed("Subscribing to Redis channel '" + this.channel + "' failed, trying again in "
					+ this.recoveryInterval.toMillis() + " ms", ex);
			this.container.stop();
			ScheduledExecutorService scheduler = this.subscriber;
			if (scheduler != null && !scheduler.isShutdown()) {
				scheduler.schedule(this::subscribe, this.recoveryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.subscriber;
		this.subscriber = null;
		ThreadPoolExecutor executor = this.publisher;
		this.publisher = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			await(scheduler);
		}
		if (executor != null) {
			executor.shutdown();
			await(executor);
		}
		this.container.stop();
	}

	private static void await(ExecutorService executor) {
		try {
			if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public boolean isRunning() {
		return this.publisher != null;
	}

	/**
	 * Stops listening for good; called when the application context closes.
	 * @throws Exception if the listener container fails to close
	 */
	public void destroy() throws Exception {
		this.container.destroy();
	}

	/**
	 * Return whether the relay is subscribed to its channel.
	 * @return {@code true} if subscribed
	 */
	public boolean isListening() {
		return this.container.isListening();
	}

	/**
	 * Return the channel.
	 * @return the channel
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * Return the id of this instance, carried by every envelope it publishes.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * Return the number of broadcasts published to Redis so far.
	 * @return the published count
	 */
	public long getPublishedCount() {
		return this.published.sum();
	}

	/**
	 * Return the number of broadcasts received from other instances so far.
	 * @return the received count
	 */
	public long getReceivedCount() {
		return this.received.sum();
	}

	/**
	 * Return the number of failures so far: publishes that failed or were dropped for a
	 * full queue, and received messages that could not be read or delivered.
	 * @return the failure count
	 */
	public long getFailureCount() {
		return this.failures.sum();
	}

}
