package io.mongoose.boot.autoconfigure.actuate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.ProducibleOperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.EndpointLinksResolver;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.core.io.Resource;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import io.mongoose.Connection;
import io.mongoose.Handler;

/**
 * Serves every exposed Actuator web endpoint under the management base path, the way
 * Spring MVC's endpoint mapping does: the operation is picked by path and method, path
 * variables, query parameters and a JSON body become its arguments, {@code Accept} picks
 * among what it produces, and its result is written as JSON, text, bytes or a streamed
 * resource (a heap dump). {@code GET <base-path>} lists the links. Registered as a
 * {@link Handler#blocking blocking} handler: operations may block (health checks, dumps),
 * so they run on the worker executor.
 */
final class ActuatorRequestHandler implements Handler {

	private static final Log logger = LogFactory.getLog(ActuatorRequestHandler.class);

	private static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

	private static final List<MimeType> JSON_FIRST = List.of(MimeType.valueOf(ACTUATOR_JSON),
			MimeTypeUtils.APPLICATION_JSON);

	private static final EndpointId HEALTH = EndpointId.of("health");

	private final ActuatorEndpoints endpoints;

	private final String basePath;

	private final @Nullable String additionalPath;

	private final WebServerNamespace namespace;

	private final JsonCodec json;

	/**
	 * Serves the endpoints below {@code basePath}, or, with an {@code additionalPath},
	 * only the health group that this path is the additional path of.
	 */
	private ActuatorRequestHandler(ActuatorEndpoints endpoints, String basePath, @Nullable String additionalPath,
			WebServerNamespace namespace, JsonCodec json) {
		this.endpoints = endpoints;
		this.basePath = basePath;
		this.additionalPath = additionalPath;
		this.namespace = namespace;
		this.json = json;
	}

	/** The endpoints below {@code basePath}, for example {@code /actuator}. */
	static ActuatorRequestHandler endpoints(ActuatorEndpoints endpoints, String basePath, WebServerNamespace namespace,
			JsonCodec json) {
		return new ActuatorRequestHandler(endpoints, basePath, null, namespace, json);
	}

	/**
	 * The health group whose {@code additional-path} is {@code path} in
	 * {@code namespace}, as Spring MVC maps it: the health operation that takes the
	 * remaining path segments, given the path as its one segment.
	 */
	static ActuatorRequestHandler additionalPath(ActuatorEndpoints endpoints, String path, WebServerNamespace namespace,
			JsonCodec json) {
		return new ActuatorRequestHandler(endpoints, path, path, namespace, json);
	}

	@Override
	public Result handle(Connection c) {
		if (c.connectionParam() instanceof ResourceStream stream) {
			return stream.next(c);
		}
		String rest = c.uri().substring(Math.min(this.basePath.length(), c.uri().length()));
		if (!rest.isEmpty() && (!rest.startsWith("/") || this.additionalPath != null)) {
			return reply(c, 404, error(404, "Not Found", null));
		}
		List<String> path = Arrays.stream(rest.split("/")).filter((s) -> !s.isEmpty()).toList();
		String method = c.requestMethod().equals("HEAD") ? "GET" : c.requestMethod();
		if (path.isEmpty() && this.additionalPath == null) {
			return method.equals("GET") ? links(c) : notAllowed(c, Set.of("GET"));
		}
		Set<String> allowed = new LinkedHashSet<>();
		Map<EndpointRoute, Map<String, Object>> candidates = new LinkedHashMap<>();
		for (EndpointRoute route : this.endpoints.routes()) {
			Map<String, Object> variables = match(route, path);
			if (variables != null) {
				if (route.method().equals(method)) {
					candidates.put(route, variables);
				}
				allowed.add(route.method());
			}
		}
		if (candidates.isEmpty()) {
			return allowed.isEmpty() ? reply(c, 404, error(404, "Not Found", null)) : notAllowed(c, allowed);
		}
		// one path may have an operation per media type (threaddump: JSON and text)
		String accept = c.getHeader("Accept");
		for (MimeType wanted : wanted(accept)) {
			for (Map.Entry<EndpointRoute, Map<String, Object>> candidate : candidates.entrySet()) {
				String contentType = producible(candidate.getKey(), wanted);
				if (contentType != null) {
					return invoke(c, candidate.getKey(), candidate.getValue(), accept, contentType);
				}
			}
		}
		refused(c, 406, "no operation produces what it accepts (" + accept + ")");
		return reply(c, 406, error(406, "Not Acceptable", null));
	}

	private @Nullable Map<String, Object> match(EndpointRoute route, List<String> path) {
		String additional = this.additionalPath;
		if (additional == null) {
			return route.match(path);
		}
		String remainder = route.remainder();
		if (!route.endpoint().equals(HEALTH) || remainder == null) {
			return null;
		}
		// the group's value is one segment, below the management server's base path
		return Map.of(remainder, new String[] { additional.substring(additional.lastIndexOf('/') + 1) });
	}

	private Result invoke(Connection c, EndpointRoute route, Map<String, Object> variables, @Nullable String accept,
			String contentType) {
		Map<String, Object> arguments = new LinkedHashMap<>(variables);
		try {
			arguments.putAll(body(c));
		}
		catch (RuntimeException ex) {
			refused(c, 400, "its body is not a JSON object: " + ex.getMessage());
			return reply(c, 400, error(400, "Bad Request", "The request body must be a JSON object"));
		}
		query(c.queryString())
			.forEach((name, values) -> arguments.put(name, (values.size() == 1) ? values.get(0) : values));
		InvocationContext context = new InvocationContext(SecurityContext.NONE, arguments,
				OperationArgumentResolver.of(WebServerNamespace.class, () -> this.namespace),
				new ProducibleOperationArgumentResolver(() -> (accept != null) ? List.of(accept) : List.of()));
		Object result;
		try {
			result = route.operation().invoke(context);
		}
		catch (InvalidEndpointRequestException ex) {
			refused(c, 400, ex.getReason());
			return reply(c, 400, error(400, "Bad Request", ex.getReason()));
		}
		catch (RuntimeException ex) {
			logger.error("Actuator operation '" + route.describe() + "' failed", ex);
			return reply(c, 500, error(500, "Internal Server Error", null));
		}
		if (result == null) {
			return write(c, route.method().equals("GET") ? 404 : 204, contentType, null);
		}
		if (result instanceof WebEndpointResponse<?> response) {
			MimeType type = response.getContentType();
			return write(c, response.getStatus(), (type != null) ? type.toString() : contentType, response.getBody());
		}
		return write(c, 200, contentType, result);
	}

	/**
	 * The accepted types, highest quality first. No {@code Accept}, or a wildcard, means
	 * JSON first, as Spring MVC's endpoint mapping answers; an unreadable one accepts
	 * nothing.
	 */
	private static List<MimeType> wanted(@Nullable String accept) {
		List<MimeType> parsed;
		try {
			parsed = (accept == null || accept.isBlank()) ? List.of(MimeTypeUtils.ALL)
					: MimeTypeUtils.parseMimeTypes(accept);
		}
		catch (InvalidMimeTypeException ex) {
			return List.of();
		}
		List<MimeType> wanted = new ArrayList<>();
		List<MimeType> byQuality = new ArrayList<>(parsed);
		byQuality.sort(Comparator.comparingDouble(ActuatorRequestHandler::quality).reversed());
		for (MimeType type : byQuality) {
			if (type.isWildcardType()) {
				wanted.addAll(JSON_FIRST);
			}
			wanted.add(type);
		}
		return wanted;
	}

	private static double quality(MimeType type) {
		try {
			String q = type.getParameter("q");
			return (q != null) ? Double.parseDouble(q) : 1;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** The first type the route produces that is compatible with {@code wanted}. */
	private static @Nullable String producible(EndpointRoute route, MimeType wanted) {
		Collection<String> produces = route.operation().getRequestPredicate().getProduces();
		for (String produced : produces.isEmpty() ? List.of(ACTUATOR_JSON) : produces) {
			if (wanted.isCompatibleWith(MimeType.valueOf(produced))) {
				return produced;
			}
		}
		return null;
	}

	private Map<String, Object> body(Connection c) {
		byte[] content = c.content();
		if (content == null || content.length == 0 || !c.requestMethod().equals("POST")) {
			return Map.of();
		}
		return this.json.readObject(content);
	}

	private Result links(Connection c) {
		String host = c.getHeader("Host");
		String self = ((host != null) ? "http://" + host : "") + this.basePath;
		Map<String, Object> body = Map.of("_links",
				new EndpointLinksResolver(this.endpoints.endpoints(), this.basePath).resolveLinks(self));
		return reply(c, 200, body);
	}

	private Result notAllowed(Connection c, Set<String> allowed) {
		String allow = String.join(", ", allowed);
		refused(c, 405, "the endpoint allows " + allow);
		c.sendStatus(405).sendHeader("Allow", allow).sendHeader("Content-Type", ACTUATOR_JSON);
		c.sendData(this.json.write(error(405, "Method Not Allowed", null)));
		return Result.DONE;
	}

	private static void refused(Connection c, int status, @Nullable String why) {
		if (logger.isDebugEnabled()) {
			logger.debug(status + " for " + c.requestMethod() + " " + c.uri() + ": " + why);
		}
	}

	private static Map<String, Object> error(int status, String error, @Nullable String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", error);
		if (message != null) {
			body.put("message", message);
		}
		return body;
	}

	private Result reply(Connection c, int status, Object body) {
		return write(c, status, ACTUATOR_JSON, body);
	}

	private Result write(Connection c, int status, String contentType, @Nullable Object body) {
		if (body == null) {
			c.sendStatus(status); // the core ends the head with Content-Length: 0 (none
									// for 204)
			return Result.DONE;
		}
		if (body instanceof Resource resource) {
			return ResourceStream.start(c, status, contentType, resource);
		}
		if (body instanceof byte[] bytes) {
			c.sendReply(status, contentType, bytes);
		}
		else if (body instanceof CharSequence text) {
			String type = contentType.startsWith("text/") && !contentType.contains("charset")
					? contentType + ";charset=UTF-8" : contentType;
			c.sendReply(status, type, text.toString().getBytes(StandardCharsets.UTF_8));
		}
		else {
			c.sendReply(status, contentType, this.json.write(body));
		}
		return Result.DONE;
	}

	static Map<String, List<String>> query(@Nullable String queryString) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (queryString == null || queryString.isEmpty()) {
			return query;
		}
		for (String pair : queryString.split("&")) {
			int eq = pair.indexOf('=');
			String name = java.net.URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/** Writes and reads JSON with Actuator's mapper. */
	interface JsonCodec {

		byte[] write(Object value);

		Map<String, Object> readObject(byte[] json);

		static JsonCodec of(Function<Object, byte[]> writer, Function<byte[], Map<String, Object>> reader) {
			return new JsonCodec() {

				@Override
				public byte[] write(Object value) {
					return writer.apply(value);
				}

				@Override
				public Map<String, Object> readObject(byte[] json) {
					return reader.apply(json);
				}

			};
		}

	}

}
