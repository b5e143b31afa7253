package io.mongoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.test.TestCertificates;

/**
 * The launcher with a plain and an ephemeral TLS port prints both URLs, and both answer.
 */
class MainTlsTest {

	@TempDir
	Path dir;

	@Test
	void startLineListsTheHttpAndTheHttpsUrl() throws Exception {
		TestCertificates.Generated cert = TestCertificates.generate(this.dir, "launcher", "EC");
		Path pem = cert.write(this.dir.resolve("cert.pem"), cert.pkcs8Pem());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		AtomicBoolean stop = new AtomicBoolean();
		CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(
				new String[] { "-listening_port", "127.0.0.1:0,127.0.0.1:0s", "-ssl_certificate", pem.toString(),
						"-document_root", this.dir.toString() },
				new PrintStream(out, true), new PrintStream(err, true), stop));
		try {
			long deadline = System.currentTimeMillis() + 10_000;
			while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.currentTimeMillis() < deadline) {
				Thread.sleep(20);
			}
			String line = out.toString(StandardCharsets.UTF_8);
			Matcher m = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/, https://127\\.0\\.0\\.1:(\\d+)/")
				.matcher(line);
			assertThat(m.find()).as(line + err).isTrue();
			HttpResponse<String> plain = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/nothing")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(plain.statusCode()).isEqualTo(404);
			HttpResponse<String> secure = HttpClient.newBuilder()
				.sslContext(cert.clientContext())
				.build()
				.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + m.group(2) + "/nothing")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(secure.statusCode()).isEqualTo(404);
		}
		finally {
			stop.set(true);
		}
		assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
	}

	@Test
	void aTlsPortWithoutCertificateIsRefused() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "-listening_port", "127.0.0.1:0s", "-document_root", this.dir.toString() },
				new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true),
				new AtomicBoolean(true));
		assertThat(code).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs ssl_certificate");
	}

}
