package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.Handler;
import io.mongoose.PasswordsFile;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.files.RawHttp;

/** access_control_list and access_log_file. */
class AccessTest {

	@TempDir
	Path tmp;

	static boolean allows(String acl, String ip) throws IOException {
		return AccessControlList.parse(acl).allows(InetAddress.getByName(ip));
	}

	@Test
	void lastMatchWinsAndDenyByDefault() throws IOException {
		assertThat(allows("-0.0.0.0/0,+127.0.0.1", "127.0.0.1")).isTrue();
		assertThat(allows("-0.0.0.0/0,+127.0.0.1", "127.0.0.2")).isFalse();
		assertThat(allows("+127.0.0.1,-0.0.0.0/0", "127.0.0.1")).isFalse();
		assertThat(allows("+10.0.0.0/8", "10.200.3.4")).isTrue();
		assertThat(allows("+10.0.0.0/8", "11.0.0.1")).isFalse();
		assertThat(allows("+192.168.1.128/25", "192.168.1.200")).isTrue();
		assertThat(allows("+192.168.1.128/25", "192.168.1.100")).isFalse();
		assertThat(allows("+10.0.0.0/8", "::1")).isFalse();
		assertThat(allows("+::1", "::1")).isTrue();
		assertThat(allows("+2001:db8::/32,-2001:db8:dead::/48", "2001:db8:1::5")).isTrue();
		assertThat(allows("+2001:db8::/32,-2001:db8:dead::/48", "2001:db8:dead::5")).isFalse();
		assertThat(allows("+[fe80::]/10", "fe80::1")).isTrue();
		assertThat(allows("+127.0.0.0/8", "::ffff:127.0.0.1")).isTrue(); // IPv4-mapped
		assertThat(allows("+0.0.0.0/0", "1.2.3.4")).isTrue();
		assertThat(allows("+::/0", "1.2.3.4")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "+127.0.0", "+127.0.0.256", "+127.0.0.1/33", "+::1/129", "+localhost",
			"+1.2.3.4/", "+1.2.3.4/x", "+,", "-", "+1.2.3.4,,", "+g::1", "*1.2.3.4", " " })
	void malformedListsAreRefused(String acl) {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessControlList.parse(acl));
		Server server = Server.create(null);
		assertThat(server.setOption("access_control_list", acl.isBlank() ? "+x" : acl)).isNotNull();
		server.destroy();
	}

	@Test
	void deniedClientsAreClosedWithoutReply() throws Exception {
		try (RunningServer s = RunningServer.start(x -> {
			assertThat(x.setOption("access_control_list", "-0.0.0.0/0,+10.0.0.0/8")).isNull();
			x.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "hi");
				return Handler.Result.DONE;
			});
		})) {
			for (int i = 0; i < 3; i++) {
				try (RawHttp http = new RawHttp(s.port())) {
					try {
						http.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
					}
					catch (IOException ex) {
						// already closed by the server: fine
					}
					// end of stream or reset, never a reply and never a timeout
					assertThat(http.closedByServer()).isTrue();
				}
			}
		}
		try (RunningServer s = RunningServer.start(x -> {
			assertThat(x.setOption("access_control_list", "-0.0.0.0/0,+127.0.0.1")).isNull();
			x.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "hi");
				return Handler.Result.DONE;
			});
		})) {
			assertThat(RawHttp.request(s.port(), "GET", "/").text()).isEqualTo("hi");
		}
	}

	@Test
	void accessLogLines() throws Exception {
		Path log = this.tmp.resolve("access.log");
		Path docs = Files.createDirectories(this.tmp.resolve("docs"));
		Files.writeString(docs.resolve("f.txt"), "12345");
		RunningServer s = RunningServer.start(x -> {
			assertThat(x.setOption("access_log_file", log.toString())).isNull();
			assertThat(x.setOption("document_root", docs.toString())).isNull();
		});
		try (RawHttp http = new RawHttp(s.port())) {
			http.send("GET", "/f.txt?a=1", "Referer: http://ref.example/x", "User-Agent: test \"agent\"");
			http.send("GET", "/missing");
			http.send("HEAD", "/f.txt", "Authorization: Digest username=\"zed\", realm=\"r\"");
		}
		s.close(); // stopping the server flushes the log
		List<String> lines = Files.readAllLines(log);
		assertThat(lines).hasSize(3);
		String time = "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\]";
		assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - " + time
				+ " \"GET /f\\.txt\\?a=1 HTTP/1\\.1\" 200 5 \"http://ref\\.example/x\" \"test \\\\x22agent\\\\x22\"");
		assertThat(lines.get(1)).matches("127\\.0\\.0\\.1 - - " + time + " \"GET /missing HTTP/1\\.1\" 404 \\d+ \"-\" \"-\"");
		assertThat(lines.get(2)).matches("127\\.0\\.0\\.1 - zed " + time + " \"HEAD /f\\.txt HTTP/1\\.1\" 200 \\d+ \"-\" \"-\"");
		assertThat(PasswordsFile.md5Hex("x")).hasSize(32);
	}

	@Test
	void accessLogIsFlushedWhileRunning() throws Exception {
		Path log = this.tmp.resolve("live.log");
		try (RunningServer s = RunningServer.start(x -> {
			assertThat(x.setOption("access_log_file", log.toString())).isNull();
		})) {
			RawHttp.request(s.port(), "GET", "/nothing");
			long deadline = System.currentTimeMillis() + 3000;
			while (System.currentTimeMillis() < deadline && (!Files.exists(log) || Files.size(log) == 0)) {
				Thread.sleep(20);
			}
			assertThat(Files.readAllLines(log)).hasSize(1);
		}
	}

	@Test
	void unwritableAccessLogIsAnOptionError() {
		Server server = Server.create(null);
		assertThat(server.setOption("access_log_file", this.tmp.resolve("no/such/dir/log").toString()))
				.startsWith("Cannot open access_log_file");
		server.destroy();
	}

}
