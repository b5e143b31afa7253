package io.mongoose.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.mongoose.net.Transport;

/**
 * The client side of TLS: which servers to trust, and a {@link Transport} per outbound
 * connection on the same {@link TlsSession} as the server's. Every engine verifies the
 * server's certificate against the host name ({@code HTTPS} endpoint identification),
 * names the host (SNI, unless it is an address) and offers {@code http/1.1} (ALPN).
 * Immutable and shared by every connection of a client.
 */
public final class TlsClient {

	private final SSLContext context;

	private final String[] protocols;

	private TlsClient(SSLContext context) {
		this.context = context;
		List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
		this.protocols = Arrays.stream(TlsContext.PROTOCOLS).filter(supported::contains).toArray(String[]::new);
	}

	/** Trusts what the JDK trusts (its {@code cacerts}). */
	public static TlsClient system() {
		try {
			return new TlsClient(SSLContext.getDefault());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK has no default TLS context", ex);
		}
	}

	/** Trusts the trust managers of {@code context} (and presents its key, if any). */
	public static TlsClient of(SSLContext context) {
		return new TlsClient(context);
	}

	/**
	 * Trusts exactly the certificates of a PEM file (a private CA, or a self-signed
	 * server certificate).
	 * @throws IllegalArgumentException naming the file and the problem
	 */
	public static TlsClient trusting(Path pemFile) {
		List<X509Certificate> certificates = PemKeyMaterial.loadCertificates(pemFile, "client trust file");
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			for (int i = 0; i < certificates.size(); i++) {
				store.setCertificateEntry("trusted-" + i, certificates.get(i));
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return new TlsClient(context);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("client trust file " + pemFile + ": " + ex.getMessage(), ex);
		}
	}

	/** The transports of connections to {@code host}. */
	public Transport.Factory forHost(String host, int port) {
		return (channel, remote) -> {
			try {
				return new TlsSession(newEngine(host, port), channel, remote);
			}
			catch (RuntimeException ex) {
				throw new IOException("cannot start TLS with " + host + ":" + port + ": " + ex, ex);
			}
		};
	}

	SSLEngine newEngine(String host, int port) {
		SSLEngine engine = this.context.createSSLEngine(host, port);
		engine.setUseClientMode(true);
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setProtocols(this.protocols);
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		parameters.setApplicationProtocols(new String[] { TlsContext.ALPN });
		if (!isAddress(host)) {
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	/** SNI names hosts, never addresses (RFC 6066 §3). */
	private static boolean isAddress(String host) {
		return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
	}

}
