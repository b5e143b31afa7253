package io.mongoose.boot.relay;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

// Over 400 lines: the hooks, counters and health every relay shares, documented for relays
// of other packages; the queue is in RelayPublisher, the subscription in Resubscriber.
/**
 * What the Redis relays share: the instance id, the {@link RelayPublisher} (a bounded
 * queue drained in order by one thread), the counters behind the meters and the health,
 * rate-limited warnings, and a start that waits, bounded, until the relay receives.
 * <p>
 * The relay starts just before the web server ({@link #PHASE}): when the application logs
 * "Mongoose started" and turns ready, the relay either receives what the other instances
 * publish or has waited {@code startupTimeout} for it and said so in a WARN line; it then
 * goes on trying in the background, and {@link #isReceiving()} (the health detail) says
 * where it is. Whether Redis answers is checked with a {@code PING} whenever the
 * publisher was idle for {@code recoveryInterval}.
 *
 * @since 0.1.0
 */
public abstract class AbstractRedisBroadcastRelay implements BroadcastRelay, SmartLifecycle {

	/** Shortest time between two WARN lines about failures. */
	public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

	/**
	 * The lifecycle phase: one before the web server's, so the relay starts first and
	 * stops last.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048 - 1;

	/** The logger of the concrete relay. */
	protected final Log logger = LogFactory.getLog(getClass());

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final String instanceId;

	private final int queueCapacity;

	private final Duration recoveryInterval;

	private final Duration startupTimeout;

	private final LongAdder published = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder duplicates = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final AtomicLong failuresNotLogged = new AtomicLong();

	private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

	private volatile boolean reachable = true;

	private volatile boolean receiving;

	private volatile CountDownLatch firstReceiving = new CountDownLatch(1);

	private volatile @Nullable Consumer<RelayedBroadcast> receiver;

	/**
	 * {@link System#nanoTime()} of the newest sign that Redis answers: a failure of a
	 * command sent before it is stale and changes nothing.
	 */
	private final AtomicLong lastAnswerNanos = new AtomicLong(System.nanoTime());

	private volatile @Nullable RelayPublisher publisher;

	/**
	 * Creates a relay.
	 * @param connectionFactory the Redis connections, from {@code spring.data.redis.*}
	 * @param channel the channel (or stream key) shared by all instances
	 * @param instanceId the id of this instance, unique among the instances
	 * @param queueCapacity the most broadcasts waiting to be published
	 * @param recoveryInterval the time between two attempts after a failure
	 * @param startupTimeout how long {@link #start()} waits until the relay receives
	 */
	protected AbstractRedisBroadcastRelay(RedisConnectionFactory connectionFactory, String channel, String instanceId,
			int queueCapacity, Duration recoveryInterval, Duration startupTimeout) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.hasText(channel, "'channel' must not be empty");
		Assert.hasText(instanceId, "'instanceId' must not be empty");
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		Assert.isTrue(!recoveryInterval.isNegative() && !recoveryInterval.isZero(),
				"'recoveryInterval' must be positive");
		Assert.isTrue(!startupTimeout.isNegative(), "'startupTimeout' must not be negative");
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.instanceId = instanceId;
		this.queueCapacity = queueCapacity;
		this.recoveryInterval = recoveryInterval;
		this.startupTimeout = startupTimeout;
	}

	@Override
	public void setReceiver(Consumer<RelayedBroadcast> receiver) {
		Assert.notNull(receiver, "'receiver' must not be null");
		this.receiver = receiver;
	}

	@Override
	public void publish(RelayedBroadcast broadcast) {
		RelayPublisher pending = this.publisher;
		if (pending == null) {
			this.logger.debug("Broadcast relay not running: the broadcast stays on this instance");
			return;
		}
		if (!pending.offer(new BroadcastEnvelope(this.instanceId, broadcast).encode())) {
			dropped();
			failed("Broadcast relay queue full (" + this.queueCapacity + " messages): message not relayed", null);
		}
	}

	/**
	 * Publishes one envelope, on the publishing thread, in order.
	 * @param envelope the encoded {@link BroadcastEnvelope}
	 * @throws InterruptedException if the relay stops meanwhile
	 */
	protected abstract void send(byte[] envelope) throws InterruptedException;

	/**
	 * Starts receiving in the background; calls {@link #receiving()} once it receives.
	 */
	protected abstract void startReceiving();

	/**
	 * Stops receiving.
	 */
	protected abstract void stopReceiving();

	/**
	 * Starts publishing and receiving, and waits until the relay receives, at most
	 * {@code startupTimeout}. Redis down does not fail the start: the relay goes on
	 * trying every {@code recoveryInterval}.
	 */
	@Override
	public void start() {
		if (this.publisher != null) {
			return;
		}
		RelayPublisher started = new RelayPublisher(this.queueCapacity, this.recoveryInterval, this::send, this::probe,
				this::isRedisReachable);
		this.publisher = started;
		started.start();
		startReceiving();
		try {
			if (this.firstReceiving.await(this.startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.logger.info("Broadcast relay on Redis " + describe() + " started and receiving (instance "
						+ this.instanceId + ")");
			}
			else {
				this.logger.warn("Broadcast relay on Redis " + describe() + " started without receiving after "
						+ this.startupTimeout.toMillis() + " ms (instance " + this.instanceId
						+ "): broadcasts from other instances are missed until it does; it tries again every "
						+ this.recoveryInterval.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void probe() {
		long sent = System.nanoTime();
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
			reachable();
		}
		catch (RuntimeException ex) {
			unreachable(ex, sent);
		}
	}

	@Override
	public void stop() {
		RelayPublisher stopping = this.publisher;
		this.publisher = null;
		if (stopping != null) {
			this.dropped.add(stopping.stop());
		}
		stopReceiving();
		notReceiving();
		this.firstReceiving = new CountDownLatch(1);
	}

	@Override
	public boolean isRunning() {
		return this.publisher != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Stops for good; called when the application context closes.
	 * @throws Exception if a resource fails to close
	 */
	public void destroy() throws Exception {
	}

	/**
	 * Return the connection factory.
	 * @return the connection factory
	 */
	protected RedisConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Return the time between two attempts after a failure.
	 * @return the recovery interval
	 */
	protected Duration getRecoveryInterval() {
		return this.recoveryInterval;
	}

	/**
	 * Hands a broadcast received from another instance to the broadcaster.
	 * @param envelope the received envelope
	 */
	protected void deliver(BroadcastEnvelope envelope) {
		Consumer<RelayedBroadcast> target = this.receiver;
		if (target != null) {
			this.received.increment();
			target.accept(envelope.broadcast());
		}
	}

	/**
	 * Handles a message of the pub/sub channel: another instance's broadcast is
	 * delivered; this instance's own, come back, shows that the subscription works.
	 * @param message the message as published, an encoded {@link BroadcastEnvelope}
	 */
	protected void onChannelMessage(byte[] message) {
		BroadcastEnvelope envelope;
		try {
			envelope = BroadcastEnvelope.decode(message);
		}
		catch (IllegalArgumentException ex) {
			failed("Ignoring a message on Redis " + describe(), ex);
			return;
		}
		if (this.instanceId.equals(envelope.origin())) {
			receiving();
		}
		else {
			deliver(envelope);
		}
	}

	/**
	 * Counts a broadcast taken by Redis and notes that Redis answers.
	 */
	protected void published() {
		this.published.increment();
		reachable();
	}

	/**
	 * Counts a broadcast that does not reach the other instances.
	 */
	protected void dropped() {
		this.dropped.increment();
	}

	/**
	 * Counts a received message dropped because it was received before.
	 */
	protected void duplicate() {
		this.duplicates.increment();
	}

	/**
	 * Notes that the relay receives what the other instances publish.
	 */
	protected void receiving() {
		answered();
		if (!this.receiving) {
			this.receiving = true;
			if (this.firstReceiving.getCount() == 0) {
				this.logger.info("Broadcast relay receives from Redis " + describe() + " again");
			}
		}
		this.firstReceiving.countDown();
	}

	/**
	 * Notes that the relay no longer receives.
	 */
	protected void notReceiving() {
		this.receiving = false;
	}

	/**
	 * Notes that Redis answers a command.
	 */
	protected void reachable() {
		answered();
		if (!this.reachable) {
			this.reachable = true;
			this.logger.info("Broadcast relay reaches Redis " + describe() + " again");
		}
	}

	/**
	 * Notes that a command to Redis failed: Redis counts as unreachable, and the relay
	 * does not receive until it says so again. A failure is stale, and only counted, if
	 * Redis answered after the command was sent: a command queued by the client while
	 * Redis was down may time out after the client reconnected and re-subscribed, and
	 * must not turn a relay that works back to unreachable.
	 * @param ex the failure
	 * @param sentNanos {@link System#nanoTime()} when the command was sent
	 */
	protected void unreachable(RuntimeException ex, long sentNanos) {
		if (this.lastAnswerNanos.get() - sentNanos >= 0) {
			this.failures.increment();
			this.logger.debug("Redis " + describe() + " answered since this command failed", ex);
			return;
		}
		notReceiving();
		if (this.reachable) {
			this.reachable = false;
			failed("Redis " + describe() + " unreachable", ex);
		}
	}

	private void answered() {
		this.lastAnswerNanos.accumulateAndGet(System.nanoTime(), (last, now) -> (now - last > 0) ? now : last);
	}

	/**
	 * Counts a failure and logs it at WARN, at most once per {@link #WARN_INTERVAL}
	 * (DEBUG otherwise).
	 * @param message what failed
	 * @param ex the cause, or {@code null}
	 */
	protected void failed(String message, @Nullable Throwable ex) {
		this.failures.increment();
		long now = System.nanoTime();
		long next = this.nextWarnNanos.get();
		if (now - next >= 0 && this.nextWarnNanos.compareAndSet(next, now + WARN_INTERVAL.toNanos())) {
			long skipped = this.failuresNotLogged.getAndSet(0);
			String suffix = (skipped > 0) ? " (" + skipped + " more failures since the last warning)" : "";
			String cause = (ex != null) ? ": " + ex : "";
			this.logger.warn(message + cause + suffix + "; local delivery is not affected");
			if (ex != null && this.logger.isDebugEnabled()) {
				this.logger.debug(message, ex);
			}
		}
		else {
			this.failuresNotLogged.incrementAndGet();
			if (this.logger.isDebugEnabled()) {
				this.logger.debug(message, ex);
			}
		}
	}

	/**
	 * Return the channel (or stream key) this relay describes itself with in logs, for
	 * example {@code channel 'mongoose:broadcast'}.
	 * @return the description
	 */
	protected abstract String describe();

	/**
	 * Return the name of the relay, the value of {@code mongoose.broadcast.relay}.
	 * @return the name
	 */
	public abstract String getName();

	/**
	 * Return the channel, or the stream key.
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
	 * Return whether the relay receives what the other instances publish (subscribed, or
	 * reading the stream), as far as it knows.
	 * @return {@code true} if receiving
	 */
	public boolean isReceiving() {
		return this.receiving;
	}

	/**
	 * Return whether the last command to Redis succeeded.
	 * @return {@code true} if Redis answered last time
	 */
	public boolean isRedisReachable() {
		return this.reachable;
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
	 * Return the number of broadcasts that did not reach the other instances: dropped for
	 * a full queue, while Redis was unreachable (pub/sub) or still queued when the relay
	 * stopped.
	 * @return the dropped count
	 */
	public long getDroppedCount() {
		return this.dropped.sum();
	}

	/**
	 * Return the number of received messages dropped because they were received before
	 * (only the streams relay receives a message twice).
	 * @return the duplicate count
	 */
	public long getDuplicateCount() {
		return this.duplicates.sum();
	}

	/**
	 * Return the number of failures so far: failed publishes, subscriptions and reads,
	 * Redis found unreachable, and received messages that could not be read or delivered.
	 * @return the failure count
	 */
	public long getFailureCount() {
		return this.failures.sum();
	}

}
