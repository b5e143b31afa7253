package io.mongoose.sample;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

import io.mongoose.Connection;
import io.mongoose.RequestListener;

/**
 * Counts finished requests; the starter adds every {@link RequestListener} bean to the
 * server.
 */
@Component
class RequestCounter implements RequestListener {

	private final LongAdder served = new LongAdder();

	@Override
	public void requestCompleted(Connection connection, long startNanos, long bytesSent) {
		this.served.increment();
	}

	long served() {
		return this.served.sum();
	}

}
