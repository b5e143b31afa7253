package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mongoose.CorsPolicy;

/**
 * CORS for every handler of the Mongoose servers, bound to {@code mongoose.cors.*}; off
 * until {@code allowed-origins} is set.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mongoose.cors")
public class MongooseCorsProperties {

	/**
	 * Origins allowed to read replies, exactly (https://app.example.com), or "*". CORS is
	 * off while this is empty.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/** Methods a preflight may ask for; GET, HEAD and POST when empty. */
	private List<String> allowedMethods = new ArrayList<>();

	/** Request headers a preflight may ask for, or "*" for any. */
	private List<String> allowedHeaders = new ArrayList<>();

	/** Reply headers the page's script may read. */
	private List<String> exposedHeaders = new ArrayList<>();

	/** Whether the page may send credentials (cookies); not with "*" origins. */
	private boolean allowCredentials;

	/** How long a browser may cache a preflight's answer; not sent when unset. */
	private @Nullable Duration maxAge;

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

	public List<String> getAllowedHeaders() {
		return this.allowedHeaders;
	}

	public void setAllowedHeaders(List<String> allowedHeaders) {
		this.allowedHeaders = allowedHeaders;
	}

	public List<String> getExposedHeaders() {
		return this.exposedHeaders;
	}

	public void setExposedHeaders(List<String> exposedHeaders) {
		this.exposedHeaders = exposedHeaders;
	}

	public boolean isAllowCredentials() {
		return this.allowCredentials;
	}

	public void setAllowCredentials(boolean allowCredentials) {
		this.allowCredentials = allowCredentials;
	}

	public @Nullable Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(@Nullable Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * The policy these properties describe, or {@code null} when no origin is allowed.
	 * @throws IllegalStateException naming the property when the policy is refused
	 */
	@Nullable CorsPolicy toPolicy() {
		if (this.allowedOrigins.isEmpty()) {
			return null;
		}
		try {
			return CorsPolicy.builder()
				.allowedOrigins(this.allowedOrigins.toArray(String[]::new))
				.allowedMethods(this.allowedMethods.toArray(String[]::new))
				.allowedHeaders(this.allowedHeaders.toArray(String[]::new))
				.exposedHeaders(this.exposedHeaders.toArray(String[]::new))
				.allowCredentials(this.allowCredentials)
				.maxAge(this.maxAge)
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid mongoose.cors properties: " + ex.getMessage(), ex);
		}
	}

}
