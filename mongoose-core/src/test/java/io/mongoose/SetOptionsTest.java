package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.test.TestCertificates;

/**
 * {@link Server#setOptions}: a whole configuration applied at once, in any order, and
 * nothing changed when one value fails.
 */
class SetOptionsTest {

	@TempDir
	Path dir;

	@Test
	void aTlsPortMayComeBeforeItsCertificate() throws Exception {
		Path pem = TestCertificates.generate(this.dir, "server", "RSA")
			.write(this.dir.resolve("server.pem"), TestCertificates.generate(this.dir, "other", "RSA").pkcs8Pem());
		Server server = Server.create(null);
		try {
			Map<String, String> options = new LinkedHashMap<>();
			options.put("listening_port", "127.0.0.1:0s");
			options.put("ssl_certificate", pem.toString());
			server.setOptions(options);
			assertThat(server.getListeningPorts()).singleElement().satisfies((port) -> assertThat(port.tls()).isTrue());
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void anInvalidValueChangesNothing() {
		Server server = Server.create(null);
		try {
			Map<String, String> options = new LinkedHashMap<>();
			options.put("idle_timeout_ms", "5000");
			options.put("listening_port", "127.0.0.1:0");
			options.put("websocket_slow_reader", "sometimes");
			assertThatThrownBy(() -> server.setOptions(options)).isInstanceOf(OptionException.class)
				.hasMessageContaining("expected skip or close")
				.satisfies((ex) -> assertThat(((OptionException) ex).option()).isEqualTo("websocket_slow_reader"));
			assertThat(server.getOption("idle_timeout_ms")).isEqualTo("30000");
			assertThat(server.getLocalPort()).isEqualTo(-1);
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void aValueThatCannotBeAppliedPutsBackTheOthers() {
		Server server = Server.create(null);
		try {
			assertThat(server.setOption("max_headers", "50")).isNull();
			Map<String, String> options = new LinkedHashMap<>();
			options.put("max_headers", "20");
			options.put("auth_domain", "example.com");
			options.put("document_root", this.dir.resolve("missing").toString());
			assertThatThrownBy(() -> server.setOptions(options)).isInstanceOf(OptionException.class)
				.hasMessageContaining("not a directory");
			assertThat(server.getOption("max_headers")).isEqualTo("50");
			assertThat(server.getOption("auth_domain")).isEqualTo("mydomain.com");
			assertThat(server.getOption("document_root")).isEmpty();
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void aPortInUseIsAPortBindException() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			Server server = Server.create(null);
			try {
				Map<String, String> options = new LinkedHashMap<>();
				options.put("listening_port", "127.0.0.1:" + taken.getLocalPort());
				options.put("max_headers", "20");
				assertThatThrownBy(() -> server.setOptions(options)).isInstanceOfSatisfying(PortBindException.class,
						(ex) -> {
							assertThat(ex.port()).isEqualTo(taken.getLocalPort());
							assertThat(ex.getCause()).isInstanceOf(BindException.class);
						});
				assertThat(server.getOption("max_headers")).isEqualTo("100");
			}
			finally {
				server.destroy();
			}
		}
	}

	@Test
	void optionsAreCheckedWithoutAServer() {
		assertThat(Option.named("listening_port").check("8080,127.0.0.1:8443s")).isNull();
		assertThat(Option.named("listening_port").check("99999")).contains("99999");
		assertThat(Option.named("extra_headers").check("X-Frame-Options DENY")).contains("expected Name: value");
		assertThat(Option.named("websocket_allowed_origins").check("not a url")).isNotNull();
		assertThat(Option.named("max_headers").check("0")).contains("positive integer");
		assertThat(Option.named("idle_timeout_ms").check("0")).isNull();
		assertThat(Option.named("ssl_ciphers").check("NO_SUCH_SUITE")).contains("NO_SUCH_SUITE");
		assertThat(Option.named("access_control_list").check("")).isNull();
	}

}
