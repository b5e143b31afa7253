package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Server;
import io.mongoose.boot.testapp.TestApplication;

/**
 * {@code mongoose.ssl.bundle}: TLS listening ports served from a Spring Boot SSL bundle.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongooseSslBundleTests {

	@TempDir
	static Path dir;

	static Path keystore;

	@BeforeAll
	static void createKeystore() throws Exception {
		keystore = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", "secret", "-keypass", "secret")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
	}

	@Test
	void tlsPortIsServedFromTheBundle(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "mongoose.listening-port=127.0.0.1:0,127.0.0.1:0s",
					"mongoose.ssl.bundle=web", "spring.ssl.bundle.jks.web.keystore.location=file:" + keystore,
					"spring.ssl.bundle.jks.web.keystore.password=secret",
					"spring.ssl.bundle.jks.web.keystore.type=PKCS12", "spring.ssl.bundle.jks.web.key.password=secret")
			.run()) {
			Server server = context.getBean(Server.class);
			Server.ListeningPort https = server.getListeningPorts()
				.stream()
				.filter(Server.ListeningPort::tls)
				.findFirst()
				.orElseThrow();
			HttpClient client = HttpClient.newBuilder()
				.sslContext(trusting(keystore))
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https.port() + "/hello")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isNotEmpty();
			assertThat(output)
				.containsPattern("Mongoose started on port \\d+ \\(http\\), " + https.port() + " \\(https\\)");
		}
	}

	@Test
	void clientAuthNeedTrustsTheBundlesTrustStoreAndHandlersSeeTheSubject() throws Exception {
		Path ca = dir.resolve("ca.p12");
		Path client = dir.resolve("client.p12");
		Path trust = dir.resolve("trust.p12");
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test ca",
				"-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass",
				"secret");
		keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", "secret", "-file",
				dir.resolve("ca.pem").toString());
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-storetype",
				"PKCS12", "-keystore", trust.toString(), "-storepass", "secret");
		keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=alice",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", client.toString(), "-storepass", "secret");
		keytool("-certreq", "-alias", "client", "-keystore", client.toString(), "-storepass", "secret", "-file",
				dir.resolve("client.csr").toString());
		keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", "secret", "-infile",
				dir.resolve("client.csr").toString(), "-outfile", dir.resolve("client.crt").toString(), "-validity",
				"2");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-keystore",
				client.toString(), "-storepass", "secret");
		keytool("-importcert", "-alias", "client", "-file", dir.resolve("client.crt").toString(), "-keystore",
				client.toString(), "-storepass", "secret");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				PeerHandler.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "mongoose.listening-port=127.0.0.1:0s",
					"mongoose.ssl.bundle=web", "mongoose.ssl.client-auth=need",
					"spring.ssl.bundle.jks.web.keystore.location=file:" + keystore,
					"spring.ssl.bundle.jks.web.keystore.password=secret",
					"spring.ssl.bundle.jks.web.keystore.type=PKCS12", "spring.ssl.bundle.jks.web.key.password=secret",
					"spring.ssl.bundle.jks.web.truststore.location=file:" + trust,
					"spring.ssl.bundle.jks.web.truststore.password=secret",
					"spring.ssl.bundle.jks.web.truststore.type=PKCS12")
			.run()) {
			int port = context.getBean(Server.class).getListeningPorts().get(0).port();
			URI uri = URI.create("https://127.0.0.1:" + port + "/peer");
			HttpClient anonymous = HttpClient.newBuilder()
				.sslContext(trusting(keystore))
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			org.assertj.core.api.Assertions.assertThatThrownBy(
					() -> anonymous.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
							HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(java.io.IOException.class);
			HttpClient alice = HttpClient.newBuilder()
				.sslContext(presenting(client, keystore))
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> response = alice.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("CN=alice");
		}
	}

	@Test
	void clientAuthWithABundleWithoutTrustStoreFailsStartUp() {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "mongoose.listening-port=127.0.0.1:0s",
					"mongoose.ssl.bundle=web", "mongoose.ssl.client-auth=want",
					"spring.ssl.bundle.jks.web.keystore.location=file:" + keystore,
					"spring.ssl.bundle.jks.web.keystore.password=secret",
					"spring.ssl.bundle.jks.web.keystore.type=PKCS12", "spring.ssl.bundle.jks.web.key.password=secret");
		org.assertj.core.api.Assertions.assertThatThrownBy(builder::run)
			.hasStackTraceContaining("mongoose.ssl.client-auth needs a trust store");
	}

	@UriHandler("/peer")
	static class PeerHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			connection.sendReply(200, "text/plain", String.valueOf(connection.tlsPeerPrincipal()));
			return Result.DONE;
		}

	}

	private static void keytool(String... arguments) throws Exception {
		java.util.List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(java.util.List.of(arguments));
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes());
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(output).isZero();
	}

	/** Presents the key of {@code keys} and trusts the certificate in {@code server}. */
	private static SSLContext presenting(Path keys, Path server) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keys)) {
			store.load(in, "secret".toCharArray());
		}
		javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory
			.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
		factory.init(store, "secret".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(factory.getKeyManagers(), trustManagers(server), null);
		return context;
	}

	@Test
	void bundleAndCertificateFileTogetherFailStartUp() {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "mongoose.listening-port=127.0.0.1:0", "mongoose.ssl.bundle=web",
					"mongoose.ssl.certificate=/tmp/server.pem");
		org.assertj.core.api.Assertions.assertThatThrownBy(builder::run)
			.hasStackTraceContaining("cannot be set together with mongoose.ssl.certificate");
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers(keystore), null);
		return context;
	}

	private static javax.net.ssl.TrustManager[] trustManagers(Path keystore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "secret".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		return trust.getTrustManagers();
	}

}
