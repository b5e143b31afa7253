package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.PasswordsFile;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawHttp;

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
		assertThat(lines.get(1))
			.matches("127\\.0\\.0\\.1 - - " + time + " \"GET /missing HTTP/1\\.1\" 404 \\d+ \"-\" \"-\"");
		// a user name the request only claims is not logged
		assertThat(lines.get(2))
			.matches("127\\.0\\.0\\.1 - - " + time + " \"HEAD /f\\.txt HTTP/1\\.1\" 200 \\d+ \"-\" \"-\"");
		assertThat(PasswordsFile.md5Hex("x")).hasSize(32);
	}

	@Test
	void accessLogNamesAuthenticatedUsersOnlyAndHasRefusedRequestsAndHandshakes() throws Exception {
		Path log = this.tmp.resolve("access.log");
		Path docs = Files.createDirectories(this.tmp.resolve("docs/secure"));
		Files.writeString(docs.resolve("s.txt"), "secret");
		assertThat(Server.modifyPasswordsFile(docs.resolve(".htpasswd").toString(), "r", "alice", "wonder")).isTrue();
		Path davPasswords = this.tmp.resolve("dav-passwords");
		assertThat(Server.modifyPasswordsFile(davPasswords.toString(), "r", "alice", "dav only")).isTrue();
		RunningServer s = RunningServer.start(x -> {
			assertThat(x.setOption("dav_auth_file", davPasswords.toString())).isNull();
			assertThat(x.setOption("access_log_file", log.toString())).isNull();
			assertThat(x.setOption("document_root", docs.getParent().toString())).isNull();
			assertThat(x.setOption("auth_domain", "r")).isNull();
			assertThat(x.setOption("max_body_size", "1000")).isNull();
			assertThat(x.setOption("max_headers", "20")).isNull();
			assertThat(x.setOption("request_timeout_ms", "1000")).isNull();
			x.addUriHandler("/ws", io.mongoose.WebSocketHandler.of(c -> Handler.Result.DONE));
		});
		String uri = "/secure/s.txt";
		try (RawHttp http = new RawHttp(s.port())) {
			String nonce = Connection.parseHeader(http.send("GET", uri).header("WWW-Authenticate"), "nonce");
			assertThat(http.send("GET", uri, DigestAuthTest.authorization("alice", "r", "wonder", nonce, 1, "GET", uri))
				.status()).isEqualTo(200);
			assertThat(http.send("GET", uri, DigestAuthTest.authorization("alice", "r", "wrong", nonce, 2, "GET", uri))
				.status()).isEqualTo(401);
			// right for DAV, wrong for the directory: refused, and not logged as alice
			// either
			assertThat(http
				.send("PROPFIND", "/secure/", "Depth: 0",
						DigestAuthTest.authorization("alice", "r", "dav only", nonce, 3, "PROPFIND", "/secure/"))
				.status()).isEqualTo(401);
		}
		String upgrade = "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: ";
		Map<String, Integer> refused = new LinkedHashMap<>();
		refused.put("GET /f.txt HTTP/1.1\r\n\r\n", 400); // no Host
		refused.put("POST /f.txt HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n", 413);
		refused.put("POST /f.txt HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: magic\r\n\r\nhi", 417);
		refused.put("GET /f.txt HTTP/1.1\r\nHost: a\r\n" + "X-H: v\r\n".repeat(25) + "\r\n", 431);
		refused.put("GET /f.txt HTTP/2.0\r\nHost: a\r\n\r\n", 505);
		refused.put("GET /f.txt HTTP/1.1\r\nHost: a\r\n", 408); // the head never ends
		refused.put("PUT " + uri + " HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", 401);
		refused.put(upgrade + "13\r\n\r\n", 101);
		refused.put(upgrade + "8\r\n\r\n", 426);
		for (Map.Entry<String, Integer> request : refused.entrySet()) {
			try (RawHttp http = new RawHttp(s.port())) {
				http.sendRaw(request.getKey());
				assertThat(http.read(true).status()).as(request.getKey()).isEqualTo(request.getValue());
			}
		}
		s.close(); // stopping the server flushes the log
		List<String> lines = Files.readAllLines(log)
			.stream()
			.map(line -> line.replaceFirst("^127\\.0\\.0\\.1 - (\\S+) \\[[^]]+\\] (\"[^\"]*\") (\\d+) .*", "$1 $2 $3"))
			.toList();
		assertThat(lines).containsExactly("- \"GET /secure/s.txt HTTP/1.1\" 401",
				"alice \"GET /secure/s.txt HTTP/1.1\" 200", "- \"GET /secure/s.txt HTTP/1.1\" 401",
				"- \"PROPFIND /secure/ HTTP/1.1\" 401", "- \"GET /f.txt HTTP/1.1\" 400",
				"- \"POST /f.txt HTTP/1.1\" 413", "- \"POST /f.txt HTTP/1.1\" 417", "- \"GET /f.txt HTTP/1.1\" 431",
				"- \"-\" 505", // refused before its target was read
				"- \"-\" 408", "- \"PUT /secure/s.txt HTTP/1.1\" 401", "- \"GET /ws HTTP/1.1\" 101",
				"- \"GET /ws HTTP/1.1\" 426");
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
