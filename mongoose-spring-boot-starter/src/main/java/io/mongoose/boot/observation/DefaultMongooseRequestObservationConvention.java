package io.mongoose.boot.observation;

import java.util.Locale;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;

/**
 * The default names and keys of request observations, Spring's for HTTP servers:
 * {@code http.server.requests} with the low-cardinality keys {@code method}, {@code uri},
 * {@code status}, {@code outcome} and {@code exception} and the high-cardinality key
 * {@code http.url}. Every low-cardinality value comes from a bounded set, whatever
 * clients send: a method outside RFC 9110 and WebDAV is {@code UNKNOWN}; the uri is the
 * matched template ({@code root} for an empty one), else {@code REDIRECTION} (3xx),
 * {@code NOT_FOUND} (404) or {@code UNKNOWN}, never the raw path; a status outside
 * 100-599, or of a request whose client left first, is {@code UNKNOWN}.
 *
 * @since 0.1.0
 */
public class DefaultMongooseRequestObservationConvention implements MongooseRequestObservationConvention {

	/** The name of the observations, unless another is given. */
	public static final String DEFAULT_NAME = "http.server.requests";

	/**
	 * RFC 9110 and RFC 4918 (WebDAV, which the server can serve); methods are
	 * case-sensitive.
	 */
	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");

	private static final String UNKNOWN = "UNKNOWN";

	private static final KeyValue EXCEPTION_NONE = KeyValue.of("exception", KeyValue.NONE_VALUE);

	private final String name;

	/** Create a convention naming the observations {@value #DEFAULT_NAME}. */
	public DefaultMongooseRequestObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with a custom observation name.
	 * @param name the name of the observations
	 */
	public DefaultMongooseRequestObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(MongooseRequestObservationContext context) {
		String method = method(context.getCarrier()).toLowerCase(Locale.ROOT);
		String pattern = context.getPathPattern();
		return (pattern != null) ? "http " + method + " " + pattern : "http " + method;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MongooseRequestObservationContext context) {
		return KeyValues.of(method(context), uri(context), status(context), outcome(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MongooseRequestObservationContext context) {
		return KeyValues.of(httpUrl(context));
	}

	protected KeyValue method(MongooseRequestObservationContext context) {
		return KeyValue.of("method", method(context.getCarrier()));
	}

	protected KeyValue uri(MongooseRequestObservationContext context) {
		String pattern = context.getPathPattern();
		if (pattern != null) {
			return KeyValue.of("uri", pattern.isEmpty() ? "root" : pattern);
		}
		int status = status(context.getResponse(), context);
		if (status >= 300 && status < 400) {
			return KeyValue.of("uri", "REDIRECTION");
		}
		return KeyValue.of("uri", (status == 404) ? "NOT_FOUND" : UNKNOWN);
	}

	protected KeyValue status(MongooseRequestObservationContext context) {
		int status = status(context.getResponse(), context);
		return KeyValue.of("status", (status != 0) ? Integer.toString(status) : UNKNOWN);
	}

	protected KeyValue outcome(MongooseRequestObservationContext context) {
		int status = status(context.getResponse(), context);
		String outcome = switch (status / 100) {
			case 1 -> "INFORMATIONAL";
			case 2 -> "SUCCESS";
			case 3 -> "REDIRECTION";
			case 4 -> "CLIENT_ERROR";
			case 5 -> "SERVER_ERROR";
			default -> UNKNOWN;
		};
		return KeyValue.of("outcome", outcome);
	}

	protected KeyValue exception(MongooseRequestObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return EXCEPTION_NONE;
		}
		String simpleName = error.getClass().getSimpleName();
		return KeyValue.of("exception", simpleName.isEmpty() ? error.getClass().getName() : simpleName);
	}

	protected KeyValue httpUrl(MongooseRequestObservationContext context) {
		Connection connection = context.getCarrier();
		String path = (connection != null) ? connection.uri() : null;
		return KeyValue.of("http.url", (path != null) ? path : UNKNOWN);
	}

	private static String method(@Nullable Connection connection) {
		String method = (connection != null) ? connection.requestMethod() : null;
		return (method != null && KNOWN_METHODS.contains(method)) ? method : UNKNOWN;
	}

	/** The final status in 100-599, else 0. */
	private static int status(@Nullable Connection response, MongooseRequestObservationContext context) {
		int status = (response != null && !context.isConnectionAborted()) ? response.statusCode() : 0;
		return (status >= 100 && status <= 599) ? status : 0;
	}

}
