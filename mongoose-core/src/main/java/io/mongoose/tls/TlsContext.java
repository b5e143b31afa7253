package io.mongoose.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.mongoose.net.Transport;

/**
 * The server side of TLS for one certificate: an {@link SSLContext} built from a PEM file
 * and the factory of per-connection {@link Transport}s. TLS 1.3 and 1.2 only; ALPN
 * answers {@code http/1.1} when the client offers it. The cipher suites and the
 * client-certificate request come from its {@link TlsPolicy}; client certificates are
 * checked against the CA certificates it was loaded with ({@code ssl_ca_file}; none: no
 * client certificate is trusted) or against the trust material of a context built
 * elsewhere. Immutable: reloading the certificate means a new context for new
 * connections, while established ones keep the engine they started with.
 */
public final class TlsContext implements Transport.Factory {

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	static final String ALPN = "http/1.1";

	private static final char[] PASSWORD = "mongoose".toCharArray();

	private final SSLContext context;

	private final Path file;

	private final List<X509Certificate> chain;

	private final String[] protocols;

	private final TlsPolicy policy;

	/** The policy's suites this context supports, in the policy's order. */
	private final String[] cipherSuites;

	private TlsContext(SSLContext context, Path file, List<X509Certificate> chain, TlsPolicy policy) {
		this.context = context;
		this.file = file;
		this.chain = chain;
		this.policy = policy;
		List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
		this.protocols = Arrays.stream(PROTOCOLS).filter(supported::contains).toArray(String[]::new);
		List<String> suites = List.of(context.getSupportedSSLParameters().getCipherSuites());
		this.cipherSuites = policy.cipherSuites().stream().filter(suites::contains).toArray(String[]::new);
	}

	/**
	 * Loads the {@code ssl_certificate} file: certificate chain and private key in PEM.
	 * @throws IllegalArgumentException with a message naming the file and the problem
	 */
	public static TlsContext load(Path file) {
		return load(file, List.of());
	}

	/**
	 * Loads the {@code ssl_certificate} file and trusts {@code clientCas} (from
	 * {@code ssl_ca_file}) to sign client certificates.
	 * @throws IllegalArgumentException with a message naming the file and the problem
	 */
	public static TlsContext load(Path file, List<X509Certificate> clientCas) {
		PemKeyMaterial material = PemKeyMaterial.load(file);
		try {
			return new TlsContext(sslContext(material, clientCas), file, material.chain(), TlsPolicy.DEFAULT);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("ssl_certificate " + file + ": cannot use the key: " + ex.getMessage(),
					ex);
		}
	}

	/** A context for already loaded key material (file is only used in messages). */
	public static TlsContext of(PemKeyMaterial material) {
		try {
			return new TlsContext(sslContext(material, List.of()), null, material.chain(), TlsPolicy.DEFAULT);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("cannot use the key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A context built elsewhere, for example from a Spring Boot SSL bundle; it must hold
	 * the server's key, and its trust managers check client certificates.
	 */
	public static TlsContext of(SSLContext context) {
		return new TlsContext(context, null, List.of(), TlsPolicy.DEFAULT);
	}

	/** This certificate with another policy. */
	public TlsContext with(TlsPolicy policy) {
		return new TlsContext(this.context, this.file, this.chain, policy);
	}

	public TlsPolicy policy() {
		return this.policy;
	}

	private static SSLContext sslContext(PemKeyMaterial material, List<X509Certificate> clientCas)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", material.privateKey(), PASSWORD,
				material.chain().toArray(new java.security.cert.Certificate[0]));
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), trustManagers(clientCas), null);
		return context;
	}

	/**
	 * Trusts exactly {@code cas}; never the JDK's public CAs, which would let any of
	 * their clients in.
	 */
	private static TrustManager[] trustManagers(List<X509Certificate> cas)
			throws GeneralSecurityException, IOException {
		if (cas.isEmpty()) {
			return new TrustManager[] { new TrustsNoClient() };
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		for (int i = 0; i < cas.size(); i++) {
			store.setCertificateEntry("ca-" + i, cas.get(i));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		return trust.getTrustManagers();
	}

	/** No {@code ssl_ca_file}: a client certificate is never taken as authenticated. */
	private static final class TrustsNoClient implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("no ssl_ca_file: client certificates are not trusted");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("a server does not check server certificates");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

	/** The server's certificate chain, own certificate first. */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/** The PEM file this context was loaded from, or {@code null}. */
	public Path file() {
		return this.file;
	}

	public SSLContext sslContext() {
		return this.context;
	}

	/** A server-mode engine configured for this server. */
	public SSLEngine newEngine(InetSocketAddress remote) {
		SSLEngine engine = (remote != null)
				? this.context.createSSLEngine(remote.getAddress().getHostAddress(), remote.getPort())
				: this.context.createSSLEngine();
		engine.setUseClientMode(false);
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setProtocols(this.protocols);
		parameters.setCipherSuites(this.cipherSuites);
		parameters.setUseCipherSuitesOrder(true);
		switch (this.policy.clientAuth()) {
			case NEED -> parameters.setNeedClientAuth(true);
			case WANT -> parameters.setWantClientAuth(true);
			default -> parameters.setWantClientAuth(false); // clears need as well
		}
		engine.setSSLParameters(parameters);
		// http/1.1 when offered; no ALPN answer (rather than a fatal alert) otherwise
		engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN) ? ALPN : "");
		return engine;
	}

	@Override
	public Transport create(SocketChannel channel, InetSocketAddress remote) throws IOException {
		try {
			return new TlsSession(newEngine(remote), channel, remote);
		}
		catch (RuntimeException ex) {
			throw new IOException("cannot start TLS with " + remote + ": " + ex, ex);
		}
	}

}
