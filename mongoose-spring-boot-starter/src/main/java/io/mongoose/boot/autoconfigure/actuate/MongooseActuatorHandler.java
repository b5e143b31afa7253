package io.mongoose.boot.autoconfigure.actuate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.function.SingletonSupplier;

import io.mongoose.Connection;
import io.mongoose.Handler;

/**
 * Serves the Actuator endpoints it is given as JSON under the management base path
 * ({@code /actuator}): {@code GET /actuator} lists links,
 * {@code GET /actuator/<id>[/...]} reads one endpoint. Endpoints are read on the IO
 * thread, so they should be quick (the Mongoose health indicator and Micrometer's meters
 * are).
 */
final class MongooseActuatorHandler implements Handler {

	private static final Log logger = LogFactory.getLog(MongooseActuatorHandler.class);

	private static final String JSON = "application/vnd.spring-boot.actuator.v3+json";

	/** The endpoints are read-only here; HEAD is GET without the body. */
	private static final String ALLOW = "GET, HEAD";

	private final String basePath;

	private final Supplier<Map<String, ActuatorOperation>> operations;

	private final Function<Object, String> jsonWriter;

	/**
	 * Creates a handler.
	 * @param basePath the management base path, for example {@code /actuator}
	 * @param operations the endpoints, resolved on the first request (the endpoints
	 * depend on the server through the health indicator, so they cannot be resolved when
	 * it is built)
	 * @param jsonWriter writes response bodies as JSON
	 */
	MongooseActuatorHandler(String basePath, Supplier<List<ActuatorOperation>> operations,
			Function<Object, String> jsonWriter) {
		this.basePath = basePath;
		this.operations = SingletonSupplier.of(() -> {
			Map<String, ActuatorOperation> byId = new LinkedHashMap<>();
			operations.get().forEach((operation) -> byId.put(operation.id(), operation));
			return byId;
		});
		this.jsonWriter = jsonWriter;
	}

	String getBasePath() {
		return this.basePath;
	}

	@Override
	public Result handle(Connection c) {
		String method = c.requestMethod();
		if (!method.equals("GET") && !method.equals("HEAD")) {
			if (logger.isDebugEnabled()) {
				logger.debug("405 for " + method + " " + c.uri() + ": actuator endpoints allow " + ALLOW);
			}
			c.sendStatus(405).sendHeader("Allow", ALLOW).sendHeader("Content-Type", JSON);
			c.sendData(this.jsonWriter.apply(Map.of("error", "Method Not Allowed", "status", 405)));
			return Result.DONE;
		}
		String rest = c.uri().substring(this.basePath.length());
		List<String> segments = new ArrayList<>(Arrays.stream(rest.split("/")).filter((s) -> !s.isEmpty()).toList());
		if (segments.isEmpty()) {
			return reply(c, 200, links(c));
		}
		ActuatorOperation operation = this.operations.get().get(segments.remove(0));
		if (operation == null) {
			return reply(c, 404, Map.of("error", "Not Found", "status", 404));
		}
		try {
			ActuatorOperation.Response response = operation.read(segments, query(c.queryString()));
			if (response == null) {
				return reply(c, 404, Map.of("error", "Not Found", "status", 404));
			}
			return reply(c, response.status(), response.body());
		}
		catch (IllegalArgumentException ex) {
			return reply(c, 400,
					Map.of("error", "Bad Request", "status", 400, "message", String.valueOf(ex.getMessage())));
		}
		catch (RuntimeException ex) {
			logger.error("Actuator endpoint '" + operation.id() + "' failed", ex);
			return reply(c, 500, Map.of("error", "Internal Server Error", "status", 500));
		}
	}

	private Map<String, Object> links(Connection c) {
		String host = c.getHeader("Host");
		String origin = (host != null) ? "http://" + host : "";
		Map<String, Object> links = new LinkedHashMap<>();
		links.put("self", Map.of("href", origin + this.basePath, "templated", false));
		this.operations.get().keySet().forEach((id) -> {
			links.put(id, Map.of("href", origin + this.basePath + "/" + id, "templated", false));
			links.put(id + "-path", Map.of("href", origin + this.basePath + "/" + id + "/{*path}", "templated", true));
		});
		return Map.of("_links", links);
	}

	private Result reply(Connection c, int status, Object body) {
		c.sendReply(status, JSON, this.jsonWriter.apply(body));
		return Result.DONE;
	}

	static Map<String, List<String>> query(String queryString) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (queryString == null || queryString.isEmpty()) {
			return query;
		}
		for (String pair : queryString.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

}
