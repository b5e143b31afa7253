package io.mongoose.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.mongoose.Option;

/**
 * TLS of the listening ports with an 's' suffix, bound to {@code mongoose.ssl.*}: a PEM
 * certificate or a Spring Boot SSL bundle, the cipher suites and client certificates.
 *
 * @since 0.1.0
 */
public class SslProperties {

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) serving TLS listening ports, instead
	 * of mongoose.ssl.certificate; reloaded for new connections when the bundle is
	 * updated.
	 */
	private @Nullable String bundle;

	/**
	 * PEM file with the certificate chain and private key for TLS listening ports (those
	 * with an 's' suffix, such as '8443s').
	 */
	private @Nullable String certificate;

	/**
	 * Cipher suites offered on TLS listening ports (JSSE names), most preferred first; by
	 * default only the forward-secret AEAD suites.
	 */
	private List<String> ciphers = new ArrayList<>(List.of(Option.named("ssl_ciphers").defaultValue().split(",")));

	/**
	 * PEM file of the CA certificates that sign trusted client certificates, with
	 * mongoose.ssl.certificate and mongoose.ssl.client-auth.
	 */
	private @Nullable String caFile;

	/**
	 * Whether TLS handshakes ask for a client certificate, checked against the bundle's
	 * trust store or mongoose.ssl.ca-file; handlers read the verified subject from
	 * Connection.tlsPeerPrincipal().
	 */
	private ClientAuth clientAuth = ClientAuth.NONE;

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	public List<String> getCiphers() {
		return this.ciphers;
	}

	public void setCiphers(List<String> ciphers) {
		this.ciphers = ciphers;
	}

	public @Nullable String getCaFile() {
		return this.caFile;
	}

	public void setCaFile(@Nullable String caFile) {
		this.caFile = caFile;
	}

	public ClientAuth getClientAuth() {
		return this.clientAuth;
	}

	public void setClientAuth(ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
	}

	/**
	 * Whether TLS handshakes ask for a client certificate.
	 */
	public enum ClientAuth {

		/**
		 * Never ask.
		 */
		NONE,

		/**
		 * Ask; a client without a certificate is still served.
		 */
		WANT,

		/**
		 * Require a trusted certificate; the handshake fails without one.
		 */
		NEED

	}

}
