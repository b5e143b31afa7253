package io.mongoose.boot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.TrimOptions;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.util.Assert;

/**
 * A {@link BroadcastRelay} over a Redis stream: every broadcast is appended
 * ({@code XADD ... MAXLEN ~ maxLength}) as an entry holding a message id and a
 * {@link BroadcastEnvelope}; every instance reads the stream ({@code XREAD BLOCK}) from
 * the last entry it read, on a dedicated connection and thread
 * ({@code mongoose-broadcast-relay-reader}), and skips its own entries.
 * <p>
 * At least once, duplicates dropped. While Redis is unreachable, broadcasts wait in the
 * queue (up to {@code queueCapacity}; beyond it they are dropped and counted) and the
 * oldest is tried again every {@code recoveryInterval}, so they are appended once Redis
 * is back. A retried append may have succeeded the first time: readers drop an entry
 * whose message id they have already seen (the last {@link #SEEN_IDS} ids are
 * remembered). After a lost connection a reader resumes from the last entry it read, so
 * it delivers what was appended meanwhile, as long as the stream still holds it:
 * {@code maxLength} bounds the stream, and a Redis restart without persistence empties
 * it.
 *
 * @since 0.1.0
 */
public class RedisStreamsBroadcastRelay extends AbstractRedisBroadcastRelay {

	/** How many message ids a reader remembers to drop duplicates. */
	public static final int SEEN_IDS = 4096;

	private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ENVELOPE = "envelope".getBytes(StandardCharsets.US_ASCII);

	private final byte[] key;

	private final long maxLength;

	private final Duration pollTimeout;

	private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

	private long sequence;

	private final SeenIds seen = new SeenIds(SEEN_IDS);

	private @Nullable String lastId;

	private volatile @Nullable Thread reader;

	/**
	 * Creates a relay.
	 * @param connectionFactory the Redis connections, from {@code spring.data.redis.*}
	 * @param streamKey the key of the stream shared by all instances
	 * @param instanceId the id of this instance, unique among the instances
	 * @param queueCapacity the most broadcasts waiting to be appended
	 * @param recoveryInterval the time between two attempts after a failure
	 * @param startupTimeout how long the start waits for the first read
	 * @param maxLength the approximate length the stream is trimmed to
	 * @param pollTimeout how long one {@code XREAD} blocks; shorter than the command
	 * timeout
	 */
	public RedisStreamsBroadcastRelay(RedisConnectionFactory connectionFactory, String streamKey, String instanceId,
			int queueCapacity, Duration recoveryInterval, Duration startupTimeout, long maxLength,
			Duration pollTimeout) {
		super(connectionFactory, streamKey, instanceId, queueCapacity, recoveryInterval, startupTimeout);
		Assert.isTrue(maxLength > 0, "'maxLength' must be positive");
		Assert.isTrue(!pollTimeout.isNegative() && !pollTimeout.isZero(), "'pollTimeout' must be positive");
		this.key = streamKey.getBytes(StandardCharsets.UTF_8);
		this.maxLength = maxLength;
		this.pollTimeout = pollTimeout;
	}

	/**
	 * Appends the envelope, trying again every {@code recoveryInterval} until Redis takes
	 * it; the message id stays the same, so readers drop a second copy.
	 */
	@Override
	protected void send(byte[] envelope) throws InterruptedException {
		byte[] id = (this.run + "-" + (++this.sequence)).getBytes(StandardCharsets.US_ASCII);
		ByteRecord record = StreamRecords.rawBytes(Map.of(ID, id, ENVELOPE, envelope)).withStreamKey(this.key);
		XAddOptions options = XAddOptions.trim(TrimOptions.maxLen(this.maxLength).approximate());
		while (true) {
			long sent = System.nanoTime();
			try (RedisConnection connection = getConnectionFactory().getConnection()) {
				connection.streamCommands().xAdd(record, options);
				published();
				return;
			}
			catch (RuntimeException ex) {
				unreachable(ex, sent);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(getRecoveryInterval().toMillis());
			}
			catch (InterruptedException ex) {
				dropped();
				throw ex;
			}
		}
	}

	@Override
	protected void startReceiving() {
		Thread thread = new Thread(this::read, "mongoose-broadcast-relay-reader");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	private void read() {
		while (!Thread.currentThread().isInterrupted()) {
			long sent = System.nanoTime();
			try (RedisConnection connection = getConnectionFactory().getConnection()) {
				if (this.lastId == null) {
					this.lastId = lastEntryId(connection);
				}
				StreamReadOptions options = StreamReadOptions.empty().block(this.pollTimeout).count(256);
				while (!Thread.currentThread().isInterrupted()) {
					sent = System.nanoTime();
					List<ByteRecord> records = readAfter(connection, options, this.lastId);
					receiving();
					if (records != null) {
						records.forEach(this::onRecord);
					}
				}
			}
			catch (RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				unreachable(ex, sent);
				try {
					TimeUnit.MILLISECONDS.sleep(getRecoveryInterval().toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	// one stream: the generic varargs array holds a single StreamOffset<byte[]>
	@SuppressWarnings("unchecked")
	private @Nullable List<ByteRecord> readAfter(RedisConnection connection, StreamReadOptions options, String id) {
		return connection.streamCommands().xRead(options, StreamOffset.create(this.key, ReadOffset.from(id)));
	}

	/** The id of the stream's last entry: only what is appended afterwards is read. */
	private String lastEntryId(RedisConnection connection) {
		List<ByteRecord> last = connection.streamCommands()
			.xRevRange(this.key, Range.unbounded(), Limit.limit().count(1));
		return (last == null || last.isEmpty()) ? "0-0" : last.get(0).getId().getValue();
	}

	private void onRecord(ByteRecord record) {
		this.lastId = record.getId().getValue();
		byte[] id = field(record, ID);
		byte[] bytes = field(record, ENVELOPE);
		if (id == null || bytes == null) {
			failed("Ignoring entry " + this.lastId + " of Redis " + describe() + ": not a broadcast", null);
			return;
		}
		BroadcastEnvelope envelope;
		try {
			envelope = BroadcastEnvelope.decode(bytes);
		}
		catch (IllegalArgumentException ex) {
			failed("Ignoring entry " + this.lastId + " of Redis " + describe(), ex);
			return;
		}
		if (getInstanceId().equals(envelope.origin())) {
			return;
		}
		if (!this.seen.add(envelope.origin() + "/" + new String(id, StandardCharsets.US_ASCII))) {
			duplicate();
			return;
		}
		deliver(envelope);
	}

	private static byte @Nullable [] field(ByteRecord record, byte[] name) {
		for (Map.Entry<byte[], byte[]> entry : record.getValue().entrySet()) {
			if (Arrays.equals(entry.getKey(), name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	@Override
	protected void stopReceiving() {
		Thread thread = this.reader;
		this.reader = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(this.pollTimeout.toMillis() + TimeUnit.SECONDS.toMillis(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	protected String describe() {
		return "stream '" + getChannel() + "'";
	}

	@Override
	public String getName() {
		return "redis-streams";
	}

}
