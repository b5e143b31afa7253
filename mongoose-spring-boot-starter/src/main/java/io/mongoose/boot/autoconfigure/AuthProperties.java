package io.mongoose.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * HTTP Digest authentication of static files, bound to {@code mongoose.auth.*}.
 *
 * @since 0.1.0
 */
public class AuthProperties {

	/**
	 * Realm of HTTP Digest authentication.
	 */
	private String domain = "mydomain.com";

	/**
	 * Passwords file protecting every static file (per-directory .htpasswd files are then
	 * ignored).
	 */
	private @Nullable String globalFile;

	public String getDomain() {
		return this.domain;
	}

	public void setDomain(String domain) {
		this.domain = domain;
	}

	public @Nullable String getGlobalFile() {
		return this.globalFile;
	}

	public void setGlobalFile(@Nullable String globalFile) {
		this.globalFile = globalFile;
	}

}
