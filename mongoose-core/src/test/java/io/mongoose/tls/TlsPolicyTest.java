package io.mongoose.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.TestCertificates;

/**
 * What TLS listeners offer (ssl_ciphers) and ask of clients (ssl_client_auth), with JDK
 * clients.
 */
class TlsPolicyTest {

	/**
	 * A suite outside the default: static RSA with CBC where the JDK still has it (Java
	 * 17), else forward-secret but CBC with SHA-1 (Java 25 dropped static RSA).
	 */
	static final String WEAK = supported("TLS_RSA_WITH_AES_128_CBC_SHA") ? "TLS_RSA_WITH_AES_128_CBC_SHA"
			: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";

	private static boolean supported(String suite) {
		try {
			return java.util.Arrays
				.asList(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites())
				.contains(suite);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TempDir
	static Path dir;

	static TestCertificates.Generated server;

	static Path serverPem;

	static TestCertificates.Generated ca;

	static Path caPem;

	static TestCertificates.Generated client;

	@BeforeAll
	static void certificates() throws Exception {
		server = TestCertificates.generate(dir, "server", "RSA");
		serverPem = server.write(dir.resolve("server.pem"), server.pkcs8Pem());
		ca = TestCertificates.generateCa(dir, "ca");
		caPem = ca.write(dir.resolve("ca.pem"), ca.certificatePem());
		client = TestCertificates.signedBy(dir, "client", "ca");
	}

	static RunningServer start(String... options) throws InterruptedException {
		return RunningServer.start(s -> {
			assertThat(s.setOption("ssl_certificate", serverPem.toString())).isNull();
			for (int i = 0; i < options.length; i += 2) {
				assertThat(s.setOption(options[i], options[i + 1])).as(options[i]).isNull();
			}
			assertThat(s.setOption("listening_port", "127.0.0.1:0s")).isNull();
			s.addUriHandler("/who", c -> {
				Principal peer = c.tlsPeerPrincipal();
				c.sendReply(200, "text/plain", "peer " + ((peer == null) ? "none" : peer.getName()));
				return Handler.Result.DONE;
			});
		});
	}

	static int tlsPort(RunningServer s) {
		return s.server().getListeningPorts().get(0).port();
	}

	/** A TLS 1.2 client that offers only {@code suite}. */
	static SSLSocket offering(int port, String suite) throws IOException {
		SSLSocket socket = (SSLSocket) server.clientContext().getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setProtocols(new String[] { "TLSv1.2" });
		parameters.setCipherSuites(new String[] { suite });
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	/**
	 * GET /who over a fresh connection; an IOException when the server refused the
	 * client.
	 */
	static String who(SSLContext context, int port, String protocol) throws IOException {
		try (SSLSocket socket = TlsServerTest.open(context, protocol, port)) {
			String reply = TlsServerTest.request(socket, "GET /who HTTP/1.1\r\nHost: x\r\n\r\n");
			if (reply.isEmpty()) {
				throw new IOException("closed without a reply");
			}
			return reply;
		}
	}

	@Test
	void byDefaultOnlyForwardSecretAeadSuitesAreOffered() throws Exception {
		try (RunningServer s = start()) {
			assertThatThrownBy(() -> offering(tlsPort(s), WEAK).close()).isInstanceOf(IOException.class);
			for (String protocol : new String[] { "TLSv1.2", "TLSv1.3" }) {
				try (SSLSocket socket = TlsServerTest.open(server.clientContext(), protocol, tlsPort(s))) {
					assertThat(TlsPolicy.INTERMEDIATE).contains(socket.getSession().getCipherSuite());
					assertThat(TlsServerTest.request(socket, "GET /who HTTP/1.1\r\nHost: x\r\n\r\n"))
						.contains("peer none");
				}
			}
			assertThat(s.server().getOption("ssl_ciphers")).isEqualTo(String.join(",", TlsPolicy.INTERMEDIATE));
		}
	}

	@Test
	void sslCiphersWidensOrNarrowsTheSuites() throws Exception {
		try (RunningServer s = start("ssl_ciphers", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, " + WEAK)) {
			try (SSLSocket socket = offering(tlsPort(s), WEAK)) {
				assertThat(socket.getSession().getCipherSuite()).isEqualTo(WEAK);
			}
			assertThatThrownBy(() -> offering(tlsPort(s), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384").close())
				.isInstanceOf(IOException.class);
		}
		Server plain = Server.create(null);
		try {
			assertThat(plain.setOption("ssl_ciphers", "TLS_NO_SUCH_SUITE")).contains("TLS_NO_SUCH_SUITE");
			assertThat(plain.setOption("ssl_client_auth", "sometimes")).contains("none, want or need");
			assertThat(plain.setOption("ssl_ca_file", dir.resolve("missing.pem").toString())).contains("not found");
			assertThat(plain.setOption("ssl_ca_file", serverPem.toString())).contains("PRIVATE KEY");
		}
		finally {
			plain.destroy();
		}
	}

	@Test
	void needRefusesClientsWithoutACertificateSignedByTheCa() throws Exception {
		try (RunningServer s = start("ssl_ca_file", caPem.toString(), "ssl_client_auth", "need")) {
			for (String protocol : new String[] { "TLSv1.2", "TLSv1.3" }) {
				assertThatThrownBy(() -> who(server.clientContext(), tlsPort(s), protocol)).as(protocol)
					.isInstanceOf(IOException.class);
				assertThat(who(TestCertificates.presenting(client, server.certificate()), tlsPort(s), protocol))
					.as(protocol)
					.contains("peer CN=client");
			}
			// a certificate from another issuer is not sent for this CA, and would not be
			// trusted
			TestCertificates.Generated rogue = TestCertificates.generate(dir, "rogue", "EC");
			assertThatThrownBy(() -> who(TestCertificates.presenting(rogue, server.certificate()), tlsPort(s), null))
				.isInstanceOf(IOException.class);
		}
	}

	@Test
	void wantServesClientsWithoutACertificateWithNoPeer() throws Exception {
		try (RunningServer s = start("ssl_client_auth", "want", "ssl_ca_file", caPem.toString())) {
			assertThat(who(server.clientContext(), tlsPort(s), null)).contains("peer none");
			assertThat(who(TestCertificates.presenting(client, server.certificate()), tlsPort(s), null))
				.contains("peer CN=client");
		}
	}

}
