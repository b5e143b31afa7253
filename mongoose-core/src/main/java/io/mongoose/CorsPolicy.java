package io.mongoose;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin resource sharing for every request of a server
 * ({@link Server#setCorsPolicy}); off unless one is set. <pre>{@code
 * server.setCorsPolicy(CorsPolicy.builder()
 *     .allowedOrigins("https://app.example.com")
 *     .allowedMethods("GET", "POST", "PUT")
 *     .allowedHeaders("Content-Type", "Authorization")
 *     .allowCredentials(true)
 *     .maxAge(Duration.ofHours(1))
 *     .build());
 * }</pre>
 * <p>
 * A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here, before authentication and any
 * handler: {@code 204} with the {@code Access-Control-Allow-*} headers, or {@code 403}
 * when the origin, method or a requested header is not allowed. Any other request with an
 * allowed {@code Origin} goes on as usual and its reply, whoever sends it, carries
 * {@code Access-Control-Allow-Origin} (and {@code -Credentials},
 * {@code -Expose-Headers}); from another origin it gets no CORS header, so the browser
 * withholds the reply. Replies to requests with an {@code Origin} say
 * {@code Vary: Origin}.
 */
public final class CorsPolicy {

	private static final System.Logger log = System.getLogger(CorsPolicy.class.getName());

	private final Set<String> origins;

	private final boolean anyOrigin;

	private final Set<String> methods;

	private final String methodList;

	/** Lower case; empty with {@link #anyHeader}. */
	private final Set<String> headers;

	private final boolean anyHeader;

	private final String headerList;

	private final String exposedHeaders;

	private final boolean credentials;

	private final Duration maxAge;

	private CorsPolicy(Builder builder) {
		this.anyOrigin = builder.origins.contains("*");
		this.origins = lowerCase(builder.origins);
		this.methods = Set.copyOf(builder.methods);
		this.methodList = String.join(", ", builder.methods);
		this.anyHeader = builder.headers.contains("*");
		this.headers = lowerCase(builder.headers);
		this.headerList = String.join(", ", builder.headers);
		this.exposedHeaders = String.join(", ", builder.exposed);
		this.credentials = builder.credentials;
		this.maxAge = builder.maxAge;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Answers a preflight ({@code DONE}) or decorates the reply of an allowed origin
	 * ({@code NOT_HANDLED}: the request goes on); the server calls it as a request's head
	 * is parsed.
	 */
	Handler.Result apply(Connection c) {
		String origin = c.getHeader("Origin");
		if (origin == null) {
			return Handler.Result.NOT_HANDLED;
		}
		c.addReplyHeader("Vary", "Origin");
		boolean allowed = this.anyOrigin || this.origins.contains(origin.toLowerCase(Locale.ROOT));
		String requestedMethod = c.getHeader("Access-Control-Request-Method");
		if (!"OPTIONS".equals(c.requestMethod()) || requestedMethod == null) {
			if (allowed) {
				allowOrigin(c, origin);
				if (!this.exposedHeaders.isEmpty()) {
					c.addReplyHeader("Access-Control-Expose-Headers", this.exposedHeaders);
				}
			}
			return Handler.Result.NOT_HANDLED;
		}
		String requestedHeaders = c.getHeader("Access-Control-Request-Headers");
		String refusal = !allowed ? "origin " + origin + " is not allowed" : !this.methods.contains(requestedMethod)
				? "method " + requestedMethod + " is not allowed" : refusedHeader(requestedHeaders);
		if (refusal != null) {
			log.log(Level.INFO,
					() -> "403 Forbidden for CORS preflight of " + c.uri() + " from " + c.remoteIp() + ": " + refusal);
			c.sendReply(403, "text/plain; charset=utf-8", "403 Forbidden\nCORS: " + refusal + "\n");
			return Handler.Result.DONE;
		}
		c.sendStatus(204);
		allowOrigin(c, origin);
		c.sendHeader("Access-Control-Allow-Methods", this.methodList);
		String allowHeaders = this.anyHeader ? requestedHeaders : this.headerList;
		if (allowHeaders != null && !allowHeaders.isBlank()) {
			c.sendHeader("Access-Control-Allow-Headers", allowHeaders);
		}
		if (this.maxAge != null) {
			c.sendHeader("Access-Control-Max-Age", Long.toString(this.maxAge.getSeconds()));
		}
		return Handler.Result.DONE;
	}

	private void allowOrigin(Connection c, String origin) {
		c.addReplyHeader("Access-Control-Allow-Origin", this.anyOrigin ? "*" : origin);
		if (this.credentials) {
			c.addReplyHeader("Access-Control-Allow-Credentials", "true");
		}
	}

	/** Why a header of {@code Access-Control-Request-Headers} is refused, or null. */
	private String refusedHeader(String requested) {
		if (requested == null || this.anyHeader) {
			return null;
		}
		for (String header : requested.split(",")) {
			String name = header.trim().toLowerCase(Locale.ROOT);
			if (!name.isEmpty() && !this.headers.contains(name)) {
				return "header " + header.trim() + " is not allowed";
			}
		}
		return null;
	}

	private static Set<String> lowerCase(List<String> values) {
		Set<String> lower = new LinkedHashSet<>();
		for (String value : values) {
			lower.add(value.toLowerCase(Locale.ROOT));
		}
		return Set.copyOf(lower);
	}

	/** Collects the policy; {@link #build()} checks it. */
	public static final class Builder {

		private final List<String> origins = new ArrayList<>();

		private final List<String> methods = new ArrayList<>();

		private final List<String> headers = new ArrayList<>();

		private final List<String> exposed = new ArrayList<>();

		private boolean credentials;

		private Duration maxAge;

		private Builder() {
		}

		/** Origins allowed, exactly ({@code https://app.example.com}), or {@code *}. */
		public Builder allowedOrigins(String... origins) {
			return add(this.origins, "origin", origins);
		}

		/**
		 * Methods a preflight may ask for; {@code GET, HEAD, POST} when none is given.
		 */
		public Builder allowedMethods(String... methods) {
			return add(this.methods, "method", methods);
		}

		/** Request headers a preflight may ask for, or {@code *} for any. */
		public Builder allowedHeaders(String... headers) {
			return add(this.headers, "header", headers);
		}

		/** Reply headers the page's script may read. */
		public Builder exposedHeaders(String... headers) {
			return add(this.exposed, "exposed header", headers);
		}

		public Builder allowCredentials(boolean credentials) {
			this.credentials = credentials;
			return this;
		}

		/** How long a browser may cache a preflight's answer; not sent when unset. */
		public Builder maxAge(Duration maxAge) {
			if (maxAge != null && maxAge.isNegative()) {
				throw new IllegalArgumentException("CORS max age must not be negative");
			}
			this.maxAge = maxAge;
			return this;
		}

		/**
		 * @throws IllegalArgumentException without an allowed origin, or with {@code *}
		 * and credentials (browsers refuse that pair)
		 */
		public CorsPolicy build() {
			if (this.origins.isEmpty()) {
				throw new IllegalArgumentException("a CORS policy needs at least one allowed origin");
			}
			if (this.credentials && this.origins.contains("*")) {
				throw new IllegalArgumentException(
						"a CORS policy cannot allow credentials for any origin ('*'): list the origins");
			}
			if (this.methods.isEmpty()) {
				this.methods.addAll(List.of("GET", "HEAD", "POST"));
			}
			return new CorsPolicy(this);
		}

		private Builder add(List<String> list, String what, String... values) {
			for (String value : values) {
				if (value == null || value.isBlank() || value.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
					throw new IllegalArgumentException("CORS " + what + " '" + value + "' is not valid");
				}
				list.add(value.trim());
			}
			return this;
		}

	}

}
