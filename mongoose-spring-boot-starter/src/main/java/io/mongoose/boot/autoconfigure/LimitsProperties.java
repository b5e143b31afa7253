package io.mongoose.boot.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import io.mongoose.Option;

/**
 * Limits and timeouts of requests and connections, bound to {@code mongoose.limits.*}:
 * each has a safe default and a precise answer when it is hit.
 *
 * @since 0.1.0
 */
public class LimitsProperties {

	/**
	 * Maximum size of a request line plus headers (431 above).
	 */
	private DataSize maxRequestSize = DataSize.ofKilobytes(16);

	/**
	 * Maximum number of request headers (431 above).
	 */
	private int maxHeaders = 100;

	/**
	 * Maximum size of a buffered request body (413 above).
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(16);

	/**
	 * Request bodies and WebSocket messages one server instance (one IO thread) may hold
	 * in buffers; by default 256MB, or a quarter of the maximum heap when that is less.
	 */
	private DataSize maxBufferedBytes = DataSize
		.ofBytes(Long.parseLong(Option.named("max_buffered_bytes").defaultValue()));

	/**
	 * Longest time to receive a request head once it started (408 after it).
	 */
	private Duration requestTimeout = Duration.ofSeconds(30);

	/**
	 * Time an idle keep-alive connection stays open.
	 */
	private Duration idleTimeout = Duration.ofSeconds(30);

	/**
	 * Slowest average rate, per second, at which a request body may arrive once the
	 * request timeout has passed since it started; 0 disables the check.
	 */
	private DataSize minBodyRate = DataSize.ofKilobytes(1);

	/**
	 * Maximum bytes queued for sending on one connection; beyond it writes are refused.
	 */
	private DataSize sendQueueLimit = DataSize.ofMegabytes(8);

	/**
	 * Longest time a connection with pending output may go without the peer reading any
	 * of it before it is closed; 0 disables the check.
	 */
	private Duration sendTimeout = Duration.ofSeconds(60);

	/**
	 * Maximum number of open connections per server instance; above it accepting pauses.
	 */
	private int maxConnections = 10000;

	/**
	 * Longest time a suspended request may wait for its reply before it gets 503; 0
	 * disables the limit.
	 */
	private Duration asyncTimeout = Duration.ofSeconds(30);

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public int getMaxHeaders() {
		return this.maxHeaders;
	}

	public void setMaxHeaders(int maxHeaders) {
		this.maxHeaders = maxHeaders;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public DataSize getMaxBufferedBytes() {
		return this.maxBufferedBytes;
	}

	public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
		this.maxBufferedBytes = maxBufferedBytes;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public DataSize getMinBodyRate() {
		return this.minBodyRate;
	}

	public void setMinBodyRate(DataSize minBodyRate) {
		this.minBodyRate = minBodyRate;
	}

	public DataSize getSendQueueLimit() {
		return this.sendQueueLimit;
	}

	public void setSendQueueLimit(DataSize sendQueueLimit) {
		this.sendQueueLimit = sendQueueLimit;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getAsyncTimeout() {
		return this.asyncTimeout;
	}

	public void setAsyncTimeout(Duration asyncTimeout) {
		this.asyncTimeout = asyncTimeout;
	}

}
