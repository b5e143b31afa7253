package io.mongoose.http;

/** The limits and timeouts the HTTP layer enforces; set from server options on the IO thread. */
public final class HttpSettings {

	public int maxRequestSize = 16 * 1024;

	public long maxBodySize = 16L * 1024 * 1024;

	/** {@code max_buffered_bytes}: shared by every connection's buffered body or WebSocket message. */
	public final BufferBudget bufferBudget = new BufferBudget();

	public int maxHeaders = 100;

	public long requestTimeoutMillis = 30_000;

	public long idleTimeoutMillis = 30_000;

	/** Bytes per second a request body must average once it has had {@link #requestTimeoutMillis}. */
	public long minBodyRate = 1024;

}
