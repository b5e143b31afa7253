package io.mongoose.client;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;

/**
 * A client's limits and timeouts (milliseconds, bytes) and its trust material
 * ({@code trustFile} or {@code sslContext}; neither: the JDK's authorities).
 */
public record ClientSettings(long connectTimeoutMillis, long responseTimeoutMillis, long idleTimeoutMillis,
		int maxHeadSize, long maxBodySize, int maxIdlePerOrigin, int maxConnectionsPerOrigin, int maxQueuedPerOrigin,
		Path trustFile, SSLContext sslContext) {

	public ClientSettings {
		if (connectTimeoutMillis <= 0 || responseTimeoutMillis <= 0 || idleTimeoutMillis <= 0) {
			throw new IllegalArgumentException("client timeouts must be positive, got connect " + connectTimeoutMillis
					+ " ms, response " + responseTimeoutMillis + " ms, idle " + idleTimeoutMillis + " ms");
		}
		if (maxHeadSize < 64 || maxBodySize < 0 || maxBodySize > Integer.MAX_VALUE - 8 || maxIdlePerOrigin < 0
				|| maxConnectionsPerOrigin < 1 || maxQueuedPerOrigin < 0) {
			throw new IllegalArgumentException("client limits out of range: head " + maxHeadSize
					+ " (at least 64), body " + maxBodySize + " (0 to 2 GiB), idle connections per origin "
					+ maxIdlePerOrigin + " (at least 0), connections per origin " + maxConnectionsPerOrigin
					+ " (at least 1), queued requests per origin " + maxQueuedPerOrigin + " (at least 0)");
		}
	}

}
