package io.mongoose.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.mongoose.net.Transport;

/**
 * The server side of TLS for one certificate: an {@link SSLContext} built from a PEM file and
 * the factory of per-connection {@link Transport}s. TLS 1.3 and 1.2 only; ALPN answers
 * {@code http/1.1} when the client offers it. Immutable: reloading the certificate means a new
 * context for new connections, while established ones keep the engine they started with.
 */
public final class TlsContext implements Transport.Factory {

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	static final String ALPN = "http/1.1";

	private static final char[] PASSWORD = "mongoose".toCharArray();

	private final SSLContext context;

	private final Path file;

	private final List<X509Certificate> chain;

	private final String[] protocols;

	private TlsContext(SSLContext context, Path file, List<X509Certificate> chain) {
		this.context = context;
		this.file = file;
		this.chain = chain;
		List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
		this.protocols = java.util.Arrays.stream(PROTOCOLS).filter(supported::contains).toArray(String[]::new);
	}

	/**
	 * Loads the {@code ssl_certificate} file: certificate chain and private key in PEM.
	 * @throws IllegalArgumentException with a message naming the file and the problem
	 */
	public static TlsContext load(Path file) {
		PemKeyMaterial material = PemKeyMaterial.load(file);
		try {
			return new TlsContext(sslContext(material), file, material.chain());
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("ssl_certificate " + file + ": cannot use the key: " + ex.getMessage(), ex);
		}
	}

	/** A context for already loaded key material (file is only used in messages). */
	public static TlsContext of(PemKeyMaterial material) {
		try {
			return new TlsContext(sslContext(material), null, material.chain());
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("cannot use the key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A context built elsewhere, for example from a Spring Boot SSL bundle; it must hold the
	 * server's key.
	 */
	public static TlsContext of(SSLContext context) {
		return new TlsContext(context, null, List.of());
	}

	private static SSLContext sslContext(PemKeyMaterial material) throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", material.privateKey(), PASSWORD,
				material.chain().toArray(new java.security.cert.Certificate[0]));
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
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
		parameters.setNeedClientAuth(false);
		parameters.setWantClientAuth(false);
		engine.setSSLParameters(parameters);
		// http/1.1 when offered; no ALPN answer (rather than a fatal alert) otherwise
		engine.setHandshakeApplicationProtocolSelector(
				(e, offered) -> offered.contains(ALPN) ? ALPN : "");
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
