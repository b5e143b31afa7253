package io.mongoose.boot.relay;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest answer from Redis wins: a command sent before Redis answered again (queued
 * by the client during an outage, timed out after it reconnected) does not turn a relay
 * that receives back to unreachable; a command sent after the last answer does. Called in
 * the order the relay's threads see them, so no timing is involved.
 */
class RelayReachabilityTests {

	private final Relay relay = new Relay();

	@Test
	void aFailureOfACommandSentBeforeTheLastAnswerIsStale() {
		long sentDuringTheOutage = System.nanoTime();
		this.relay.receiving(); // the client re-subscribed
		this.relay.unreachable(new QueryTimeoutException("Redis command timed out"), sentDuringTheOutage);
		assertThat(this.relay.isRedisReachable()).isTrue();
		assertThat(this.relay.isReceiving()).isTrue();
		assertThat(this.relay.getFailureCount()).as("still counted").isEqualTo(1);
	}

	@Test
	void aFailureOfACommandSentAfterTheLastAnswerCounts() {
		this.relay.receiving();
		long sentAfterwards = System.nanoTime() + 1;
		this.relay.unreachable(new QueryTimeoutException("Redis command timed out"), sentAfterwards);
		assertThat(this.relay.isRedisReachable()).isFalse();
		assertThat(this.relay.isReceiving()).isFalse();
		this.relay.reachable();
		assertThat(this.relay.isRedisReachable()).isTrue();
	}

	/** The shared part of the relays alone: nothing is started, nothing is sent. */
	private static final class Relay extends AbstractRedisBroadcastRelay {

		Relay() {
			super(new LettuceConnectionFactory(), "c", "i", 1, Duration.ofSeconds(1), Duration.ZERO);
		}

		@Override
		protected void send(byte[] envelope) {
		}

		@Override
		protected void startReceiving() {
		}

		@Override
		protected void stopReceiving() {
		}

		@Override
		protected String describe() {
			return "channel 'c'";
		}

		@Override
		public String getName() {
			return "test";
		}

	}

}
