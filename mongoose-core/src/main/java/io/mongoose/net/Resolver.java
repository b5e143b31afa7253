package io.mongoose.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves host names for outbound connects off the IO thread: the JDK's lookup blocks.
 * Two daemon threads shared by every loop, started on first use and gone after 30 idle
 * seconds; a literal address needs no lookup and completes at once.
 */
final class Resolver {

	private static final AtomicInteger threads = new AtomicInteger();

	private static final ThreadPoolExecutor POOL = pool();

	private Resolver() {
	}

	static CompletableFuture<InetAddress> resolve(String host) {
		if (isLiteral(host)) {
			try {
				return CompletableFuture.completedFuture(InetAddress.getByName(host));
			}
			catch (UnknownHostException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		CompletableFuture<InetAddress> result = new CompletableFuture<>();
		POOL.execute(() -> {
			try {
				result.complete(InetAddress.getByName(host));
			}
			catch (UnknownHostException | RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/** An IPv4 dotted quad or an IPv6 literal: {@code getByName} only parses it. */
	static boolean isLiteral(String host) {
		if (host.indexOf(':') >= 0) {
			return true;
		}
		int dots = 0;
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (c == '.') {
				dots++;
			}
			else if (c < '0' || c > '9') {
				return false;
			}
		}
		return dots == 3;
	}

	private static ThreadPoolExecutor pool() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				task -> {
					Thread thread = new Thread(task, "mongoose-resolver-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

}
