package io.mongoose.tls;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.mongoose.Option;

/**
 * What a TLS listener offers and asks of clients: its cipher suites ({@code ssl_ciphers})
 * and whether it requests a client certificate ({@code ssl_client_auth}). Immutable.
 * <p>
 * The default suites are the forward-secret AEAD ones (Mozilla's "intermediate" profile):
 * the TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2.
 * Static-RSA key exchange and CBC/SHA-1 suites are offered only when named in
 * {@code ssl_ciphers}.
 */
public record TlsPolicy(List<String> cipherSuites, ClientAuth clientAuth) {

	/** {@code ssl_client_auth}: whether the handshake asks for a client certificate. */
	public enum ClientAuth {

		/** Never asked for. */
		NONE,

		/** Asked for; a client without one is still served (with no peer principal). */
		WANT,

		/** Required: a client without a trusted certificate fails the handshake. */
		NEED

	}

	/** The default of {@code ssl_ciphers}, most preferred first. */
	public static final List<String> INTERMEDIATE = List.of(Option.named("ssl_ciphers").defaultValue().split(","));

	public static final TlsPolicy DEFAULT = new TlsPolicy(INTERMEDIATE, ClientAuth.NONE);

	public TlsPolicy {
		cipherSuites = List.copyOf(cipherSuites);
	}

	public TlsPolicy withCipherSuites(List<String> suites) {
		return new TlsPolicy(suites, this.clientAuth);
	}

	public TlsPolicy withClientAuth(ClientAuth auth) {
		return new TlsPolicy(this.cipherSuites, auth);
	}

	/**
	 * Parses an {@code ssl_ciphers} value: a comma list of JSSE suite names.
	 * @throws IllegalArgumentException naming a suite this JDK does not know
	 */
	public static List<String> parseCipherSuites(String value) {
		Set<String> known;
		try {
			known = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no TLS in this JDK", ex);
		}
		List<String> suites = new ArrayList<>();
		for (String part : value.split(",")) {
			String name = part.trim();
			if (name.isEmpty()) {
				continue;
			}
			if (!known.contains(name)) {
				throw new IllegalArgumentException(
						"Invalid value '" + value + "' for ssl_ciphers: this JDK has no cipher suite '" + name
								+ "' (use JSSE names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
			}
			suites.add(name);
		}
		if (suites.isEmpty()) {
			throw new IllegalArgumentException("Invalid value '" + value + "' for ssl_ciphers: no cipher suite");
		}
		return suites;
	}

	/**
	 * Parses an {@code ssl_client_auth} value.
	 * @throws IllegalArgumentException unless it is none, want or need
	 */
	public static ClientAuth parseClientAuth(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "none" -> ClientAuth.NONE;
			case "want" -> ClientAuth.WANT;
			case "need" -> ClientAuth.NEED;
			default -> throw new IllegalArgumentException(
					"Invalid value '" + value + "' for ssl_client_auth: expected none, want or need");
		};
	}

}
