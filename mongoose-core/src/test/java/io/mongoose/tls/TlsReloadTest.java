package io.mongoose.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.test.TestCertificates;

/**
 * Setting ssl_certificate again: new connections get the new certificate, established
 * ones keep theirs. Also runs real handshakes with PKCS#1 RSA and SEC1 EC keys.
 */
class TlsReloadTest {

	@TempDir
	Path dir;

	@Test
	void newConnectionsGetTheNewCertificateOldOnesKeepTheirs() throws Exception {
		TestCertificates.Generated rsa = TestCertificates.generate(this.dir, "rsa", "RSA");
		TestCertificates.Generated ec = TestCertificates.generate(this.dir, "ec", "EC");
		Path rsaPem = rsa.write(this.dir.resolve("rsa.pem"), rsa.traditionalPem());
		Path ecPem = ec.write(this.dir.resolve("ec.pem"), ec.traditionalPem());
		SSLContext trustsBoth = TestCertificates.trusting(rsa.certificate(), ec.certificate());
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("ssl_certificate", rsaPem.toString())).isNull();
			assertThat(s.setOption("listening_port", "127.0.0.1:0s")).isNull();
			s.addUriHandler("/hello", c -> {
				c.sendReply(200, "text/plain", "hello");
				return io.mongoose.Handler.Result.DONE;
			});
		})) {
			try (SSLSocket old = TlsServerTest.open(trustsBoth, null, server.port())) {
				assertThat(peer(old)).isEqualTo(rsa.certificate());
				assertThat(TlsServerTest.request(old, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("hello");

				assertThat(onIoThread(server, () -> server.server().setOption("ssl_certificate", ecPem.toString())))
					.isNull();
				try (SSLSocket fresh = TlsServerTest.open(trustsBoth, null, server.port())) {
					assertThat(peer(fresh)).isEqualTo(ec.certificate());
					assertThat(TlsServerTest.request(fresh, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"))
						.endsWith("hello");
				}
				// the established connection still speaks with its first certificate
				assertThat(TlsServerTest.request(old, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("hello");
				assertThat(peer(old)).isEqualTo(rsa.certificate());

				// a bad file changes nothing; unsetting while a TLS port listens is
				// refused
				assertThat(onIoThread(server, () -> server.server().setOption("ssl_certificate", "/no/such.pem")))
					.isEqualTo("ssl_certificate /no/such.pem: file not found");
				assertThat(onIoThread(server, () -> server.server().setOption("ssl_certificate", "")))
					.contains("cannot be unset while a TLS port");
				try (SSLSocket fresh = TlsServerTest.open(trustsBoth, null, server.port())) {
					assertThat(peer(fresh)).isEqualTo(ec.certificate());
				}
				assertThat(server.server().getOption("listening_port")).isEqualTo(server.port() + "s");
			}
		}
	}

	private static Certificate peer(SSLSocket socket) throws Exception {
		return socket.getSession().getPeerCertificates()[0];
	}

	private static String onIoThread(RunningServer server, Supplier<String> action) throws Exception {
		CompletableFuture<String> result = new CompletableFuture<>();
		server.server().execute(() -> result.complete(action.get()));
		return result.get(10, TimeUnit.SECONDS);
	}

}
