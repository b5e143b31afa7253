package io.mongoose.boot.autoconfigure.metrics;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;
import io.mongoose.RequestListener;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;

/**
 * Records every finished request in the {@code http.server.requests} timer with Spring
 * Boot's tags: {@code method}, {@code uri} (the matched {@code @UriHandler} prefix, else
 * {@code NOT_FOUND}, {@code REDIRECTION} or {@code UNKNOWN}), {@code status},
 * {@code outcome} and {@code exception} ({@code none}; handler exceptions surface as
 * 500). Every tag has a bounded set of values, whatever clients send: a method outside
 * RFC 9110 and WebDAV is {@code UNKNOWN} (as in Spring's own conventions), the uri is
 * never the raw path and a status outside 100-599 is {@code UNKNOWN}.
 *
 * @since 0.1.0
 */
public final class MongooseRequestMetrics implements RequestListener {

	static final String METRIC_NAME = "http.server.requests";

	/**
	 * RFC 9110 and RFC 4918 (WebDAV, which the server can serve); methods are
	 * case-sensitive.
	 */
	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");

	private static final String UNKNOWN = "UNKNOWN";

	private final MeterRegistry registry;

	private final UriHandlerRegistrar registrar;

	MongooseRequestMetrics(MeterRegistry registry, UriHandlerRegistrar registrar) {
		this.registry = registry;
		this.registrar = registrar;
	}

	@Override
	public void requestCompleted(Connection connection, long startNanos, long bytesSent) {
		int status = connection.statusCode();
		Tags tags = Tags.of("method", method(connection.requestMethod()), "uri", uri(connection.uri(), status),
				"status", (status >= 100 && status <= 599) ? Integer.toString(status) : UNKNOWN, "outcome",
				Outcome.forStatus(status).name(), "exception", "none");
		Timer.builder(METRIC_NAME)
			.description("Duration of HTTP server request handling")
			.tags(tags)
			.register(this.registry)
			.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	private static String method(String method) {
		return (method != null && KNOWN_METHODS.contains(method)) ? method : UNKNOWN;
	}

	private String uri(@Nullable String path, int status) {
		String prefix = (path != null) ? this.registrar.findPrefix(path) : null; // null:
																					// refused
																					// before
																					// its
																					// target
		if (prefix != null) {
			return prefix;
		}
		if (status == 404) {
			return "NOT_FOUND";
		}
		return (status >= 300 && status < 400) ? "REDIRECTION" : UNKNOWN;
	}

}
