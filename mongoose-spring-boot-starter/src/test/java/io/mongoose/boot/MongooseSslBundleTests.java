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

import io.mongoose.Server;
import io.mongoose.boot.testapp.TestApplication;

/** {@code mongoose.ssl.bundle}: TLS listening ports served from a Spring Boot SSL bundle. */
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
			assertThat(output).containsPattern("Mongoose started on port \\d+ \\(http\\), " + https.port() + " \\(https\\)");
		}
	}

	@Test
	void bundleAndCertificateFileTogetherFailStartUp() {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "mongoose.listening-port=127.0.0.1:0", "mongoose.ssl.bundle=web",
					"mongoose.ssl-certificate=/tmp/server.pem");
		org.assertj.core.api.Assertions.assertThatThrownBy(builder::run)
			.hasStackTraceContaining("cannot be set together with mongoose.ssl-certificate");
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "secret".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
