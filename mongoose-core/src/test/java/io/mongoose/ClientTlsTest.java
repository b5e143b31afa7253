package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.test.TestCertificates;

/**
 * {@link Client} over TLS against the server's own TLS port: trust from a PEM file or an
 * {@code SSLContext}, an untrusted certificate and a host name that does not match are
 * refused, and the host is named with SNI.
 */
class ClientTlsTest {

	private static final long WAIT_SECONDS = 20;

	@TempDir
	static Path dir;

	/** Self-signed for 127.0.0.1 and localhost. */
	private static TestCertificates.Generated selfSigned;

	private static TestCertificates.Generated ca;

	/** Signed by {@link #ca}: trusted, but names no host ({@code CN=leaf}, no SAN). */
	private static TestCertificates.Generated namesNoHost;

	private static RunningServer loop;

	private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	@BeforeAll
	static void certificates() throws Exception {
		selfSigned = TestCertificates.generate(dir, "self", "EC");
		ca = TestCertificates.generateCa(dir, "ca");
		namesNoHost = TestCertificates.signedBy(dir, "leaf", "ca");
		loop = RunningServer.start(s -> {
		});
	}

	@AfterAll
	static void stop() throws Exception {
		loop.close();
	}

	private static RunningServer tlsServer(TestCertificates.Generated certificate, String name) throws Exception {
		Path pem = certificate.write(dir.resolve(name + ".pem"), certificate.pkcs8Pem());
		return RunningServer.start(s -> {
			assertThat(s.setOption("ssl_certificate", pem.toString())).isNull();
			assertThat(s.setOption("listening_port", "127.0.0.1:0s")).isNull();
			s.addUriHandler("/hello", c -> {
				clientPorts.add(c.remotePort());
				c.sendReply(200, "text/plain", "secure hello");
				return Result.DONE;
			});
		});
	}

	private static Path trustFile(TestCertificates.Generated certificate, String name) throws IOException {
		return certificate.write(dir.resolve(name + "-trust.pem"), certificate.certificatePem());
	}

	private static ClientResponse await(CompletionStage<ClientResponse> stage) throws Exception {
		return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static Throwable failure(CompletionStage<?> stage) throws Exception {
		try {
			stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the stage completed normally");
	}

	@Test
	void trustedSelfSignedCertificateServesAndKeepsTheConnection() throws Exception {
		try (RunningServer server = tlsServer(selfSigned, "self")) {
			clientPorts.clear();
			Client client = Client.builder(loop.server()).trust(trustFile(selfSigned, "self")).build();
			String url = "https://127.0.0.1:" + server.port() + "/hello";
			for (int i = 0; i < 3; i++) {
				ClientResponse response = await(client.get(url));
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.bodyAsString()).isEqualTo("secure hello");
			}
			assertThat(clientPorts).as("one TLS connection, kept alive").hasSize(1);
		}
	}

	@Test
	void untrustedCertificateIsRefused() throws Exception {
		try (RunningServer server = tlsServer(selfSigned, "self")) {
			Client client = Client.create(loop.server()); // the JDK's authorities only
			Throwable failure = failure(client.get("https://127.0.0.1:" + server.port() + "/hello"));
			assertThat(failure).isInstanceOf(IOException.class)
				.hasMessageStartingWith("TLS with https://127.0.0.1:" + server.port() + " failed: ")
				.hasMessageContaining("PKIX");
			// the loop and the client go on
			Client trusting = Client.builder(loop.server()).trust(trustFile(selfSigned, "self")).build();
			assertThat(await(trusting.get("https://127.0.0.1:" + server.port() + "/hello")).status()).isEqualTo(200);
		}
	}

	@Test
	void hostNameMustMatchTheCertificate() throws Exception {
		try (RunningServer server = tlsServer(namesNoHost, "leaf")) {
			Client client = Client.builder(loop.server()).trust(trustFile(ca, "ca")).build();
			// the chain is trusted (PKIX passes), the name is not in the certificate; the
			// JDK's own words follow (Java 25 puts the alert first:
			// "(certificate_unknown)")
			assertThat(failure(client.get("https://localhost:" + server.port() + "/hello")))
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("TLS with https://localhost:" + server.port() + " failed: ")
				.hasMessageContaining("No name matching localhost found");
			assertThat(failure(client.get("https://127.0.0.1:" + server.port() + "/hello")))
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("TLS with https://127.0.0.1:" + server.port() + " failed: ")
				.hasMessageContaining("No subject alternative");
		}
		try (RunningServer server = tlsServer(selfSigned, "self")) {
			Client client = Client.builder(loop.server()).trust(trustFile(selfSigned, "self")).build();
			assertThat(await(client.get("https://localhost:" + server.port() + "/hello")).bodyAsString())
				.isEqualTo("secure hello");
		}
	}

	@Test
	void trustMayComeFromAnSslContext() throws Exception {
		try (RunningServer server = tlsServer(selfSigned, "self")) {
			Client client = Client.builder(loop.server()).sslContext(selfSigned.clientContext()).build();
			assertThat(await(client.get("https://127.0.0.1:" + server.port() + "/hello")).status()).isEqualTo(200);
		}
	}

	@Test
	void hostIsNamedWithSni() throws Exception {
		CompletableFuture<List<SNIServerName>> names = new CompletableFuture<>();
		try (SSLServerSocket listener = (SSLServerSocket) TestCertificates.presenting(selfSigned)
			.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread thread = new Thread(() -> {
				try (SSLSocket socket = (SSLSocket) listener.accept()) {
					ScriptedServer.readHead(socket.getInputStream());
					names.complete(((ExtendedSSLSession) socket.getSession()).getRequestedServerNames());
					socket.getOutputStream()
						.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nsni".getBytes(StandardCharsets.US_ASCII));
					socket.getOutputStream().flush();
					ScriptedServer.awaitClose(socket);
				}
				catch (IOException ex) {
					names.completeExceptionally(ex);
				}
			}, "sni-server");
			thread.setDaemon(true);
			thread.start();
			Client client = Client.builder(loop.server()).trust(trustFile(selfSigned, "self")).build();
			assertThat(await(client.get("https://localhost:" + listener.getLocalPort() + "/")).bodyAsString())
				.isEqualTo("sni");
			assertThat(names.get(WAIT_SECONDS, TimeUnit.SECONDS)).singleElement()
				.satisfies((name) -> assertThat(new String(name.getEncoded(), StandardCharsets.US_ASCII))
					.isEqualTo("localhost"));
		}
	}

	@Test
	void unreadableTrustFileIsRefusedAtBuild() {
		Path missing = dir.resolve("missing.pem");
		assertThatThrownBy(() -> Client.builder(loop.server()).trust(missing).build())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("client trust file " + missing);
	}

}
