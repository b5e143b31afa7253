package io.mongoose.boot.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;
import io.mongoose.http.RequestListener;

/**
 * Records every finished request in the {@code http.server.requests} timer with Spring
 * Boot's tags: {@code method}, {@code uri} (the matched {@code @UriHandler} prefix, else
 * {@code NOT_FOUND}, {@code REDIRECTION} or {@code UNKNOWN}), {@code status},
 * {@code outcome} and {@code exception} ({@code none}; handler exceptions surface as 500).
 *
 * @since 0.1.0
 */
public final class MongooseRequestMetrics implements RequestListener {

	static final String METRIC_NAME = "http.server.requests";

	private final MeterRegistry registry;

	private final UriHandlerRegistrar registrar;

	MongooseRequestMetrics(MeterRegistry registry, UriHandlerRegistrar registrar) {
		this.registry = registry;
		this.registrar = registrar;
	}

	@Override
	public void requestCompleted(Connection connection, long startNanos, long bytesSent) {
		int status = connection.statusCode();
		Tags tags = Tags.of("method", connection.requestMethod(), "uri", uri(connection.uri(), status), "status",
				Integer.toString(status), "outcome", Outcome.forStatus(status).name(), "exception", "none");
		Timer.builder(METRIC_NAME)
			.description("Duration of HTTP server request handling")
			.tags(tags)
			.register(this.registry)
			.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	private String uri(@Nullable String path, int status) {
		String prefix = (path != null) ? this.registrar.findPrefix(path) : null; // null: refused before its target
		if (prefix != null) {
			return prefix;
		}
		if (status == 404) {
			return "NOT_FOUND";
		}
		return (status >= 300 && status < 400) ? "REDIRECTION" : "UNKNOWN";
	}

}
