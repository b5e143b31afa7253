package io.mongoose.boot.autoconfigure;

import java.time.Duration;

/**
 * Server-Sent Events (event streams of {@code EventStreamHandler} beans), bound to
 * {@code mongoose.sse.*}.
 *
 * @since 0.1.0
 */
public class SseProperties {

	/**
	 * Interval of the comment every event stream gets, which keeps proxies from closing
	 * it and finds clients that are gone; 0 disables heartbeats.
	 */
	private Duration heartbeat = Duration.ofSeconds(15);

	/**
	 * Events with an id each event stream handler keeps for clients that reconnect with
	 * Last-Event-ID (those broadcast without a filter).
	 */
	private int replaySize = 64;

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = heartbeat;
	}

	public int getReplaySize() {
		return this.replaySize;
	}

	public void setReplaySize(int replaySize) {
		this.replaySize = replaySize;
	}

}
