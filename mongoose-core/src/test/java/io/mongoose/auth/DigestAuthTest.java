package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.PasswordsFile;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawHttp;

/** Digest authentication over real sockets: the file pipeline, the auth hook, curl. */
class DigestAuthTest {

	static final String REALM = "test.realm";

	@TempDir
	static Path tmp;

	static Path root;

	static Path hookPasswords;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		root = Files.createDirectories(tmp.resolve("root"));
		Path secure = Files.createDirectories(root.resolve("secure"));
		Files.writeString(secure.resolve("file.txt"), "protected content");
		Files.writeString(root.resolve("open.txt"), "open content");
		Files.createSymbolicLink(root.resolve("sneaky.txt"), secure.resolve("file.txt"));
		Files.createDirectories(secure.resolve("sub/inner"));
		Files.writeString(secure.resolve("sub/deep.txt"), "deep");
		Files.writeString(secure.resolve("sub/inner/deeper.txt"), "deeper");
		Files.createSymbolicLink(root.resolve("shortcut"), secure.resolve("sub"));
		Files.createDirectories(secure.resolve("other"));
		Files.writeString(secure.resolve("other/b.txt"), "bob's");
		assertThat(Server.modifyPasswordsFile(secure.resolve("other/.htpasswd").toString(), REALM, "bob", "pw"))
			.isTrue();
		assertThat(Server.modifyPasswordsFile(secure.resolve(".htpasswd").toString(), REALM, "alice", "wonder"))
			.isTrue();
		assertThat(Server.modifyPasswordsFile(secure.resolve(".htpasswd").toString(), "other.realm", "bob", "pw"))
			.isTrue();
		hookPasswords = tmp.resolve("api-passwords");
		assertThat(Server.modifyPasswordsFile(hookPasswords.toString(), "api", "carol", "s3cret")).isTrue();
		DigestAuth quickNonces = new DigestAuth("api", new Nonces(400));
		server = RunningServer.start(s -> {
			s.setOption("document_root", root.toString());
			s.setOption("auth_domain", REALM);
			s.setAuthHandler(s.digestAuthHandler(hookPasswords, "api", uri -> uri.startsWith("/api/")));
			s.addUriHandler("/api/", c -> {
				String body = new String(c.content(), StandardCharsets.UTF_8);
				c.sendReply(200, "text/plain", "api for " + DigestAuth.username(c.getHeader("Authorization"))
						+ (body.isEmpty() ? "" : ": " + body));
				return Handler.Result.DONE;
			});
			s.addUriHandler("/quick/", c -> {
				if (!quickNonces.authorize(c, hookPasswords)) {
					return Handler.Result.DONE;
				}
				c.sendReply(200, "text/plain", "quick ok");
				return Handler.Result.DONE;
			});
			s.addUriHandler("/free", c -> {
				c.sendReply(200, "text/plain", "free");
				return Handler.Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	/** Builds an Authorization header as a client would. */
	static String authorization(String user, String realm, String password, String nonce, String method, String uri) {
		return authorization(user, realm, password, nonce, 1, method, uri);
	}

	/**
	 * The same with nonce count {@code nc}: every request with one nonce needs a higher
	 * count.
	 */
	static String authorization(String user, String realm, String password, String nonce, int nc, String method,
			String uri) {
		String ha1 = PasswordsFile.ha1(user, realm, password);
		String count = String.format("%08x", nc);
		String response = DigestAuth.response(ha1, nonce, count, "0a4f113b", "auth", method, uri);
		return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
				+ "\", uri=\"" + uri + "\", qop=auth, nc=" + count + ", cnonce=\"0a4f113b\", response=\"" + response
				+ "\", algorithm=MD5";
	}

	static String nonceOf(RawHttp.Response challenge) {
		return Connection.parseHeader(challenge.header("WWW-Authenticate"), "nonce");
	}

	@Test
	void challengeThenAccessWithComputedResponse() throws IOException {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response challenge = http.send("GET", "/secure/file.txt");
			assertThat(challenge.status()).isEqualTo(401);
			String www = challenge.header("WWW-Authenticate");
			assertThat(www).startsWith("Digest ").contains("realm=\"test.realm\"", "qop=\"auth\"", "nonce=\"");
			String nonce = nonceOf(challenge);
			RawHttp.Response ok = http.send("GET", "/secure/file.txt",
					authorization("alice", REALM, "wonder", nonce, "GET", "/secure/file.txt"));
			assertThat(ok.status()).isEqualTo(200);
			assertThat(ok.text()).isEqualTo("protected content");
			// the directory listing is protected too and never shows the passwords file
			RawHttp.Response list = http.send("GET", "/secure/",
					authorization("alice", REALM, "wonder", nonce, 2, "GET", "/secure/"));
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.text()).contains("file.txt").doesNotContain(".htpasswd");
		}
		assertThat(RawHttp.request(server.port(), "GET", "/open.txt").text()).isEqualTo("open content");
		assertThat(RawHttp.request(server.port(), "GET", "/secure/").status()).isEqualTo(401);
		assertThat(RawHttp.request(server.port(), "GET", "/secure/.htpasswd").status()).isEqualTo(404);
		// a symlink from an open directory into the protected one does not bypass its
		// passwords file
		assertThat(RawHttp.request(server.port(), "GET", "/sneaky.txt").status()).isEqualTo(401);
	}

	@Test
	void aPasswordsFileProtectsItsSubtreeAndTheNearestOneWins() throws IOException {
		for (String uri : List.of("/secure/sub/deep.txt", "/secure/sub/inner/deeper.txt", "/secure/sub/",
				"/shortcut/deep.txt", "/secure/other/b.txt")) {
			assertThat(RawHttp.request(server.port(), "GET", uri).status()).as(uri).isEqualTo(401);
		}
		try (RawHttp http = new RawHttp(server.port())) {
			String nonce = nonceOf(http.send("GET", "/secure/sub/deep.txt"));
			String deeper = "/secure/sub/inner/deeper.txt";
			assertThat(
					http.send("GET", deeper, authorization("alice", REALM, "wonder", nonce, 1, "GET", deeper)).text())
				.isEqualTo("deeper");
			// a symlink into the subtree from outside it
			assertThat(http
				.send("GET", "/shortcut/deep.txt",
						authorization("alice", REALM, "wonder", nonce, 2, "GET", "/shortcut/deep.txt"))
				.text()).isEqualTo("deep");
			// a deeper passwords file takes over: alice is not in it, bob is
			String other = "/secure/other/b.txt";
			assertThat(
					http.send("GET", other, authorization("alice", REALM, "wonder", nonce, 3, "GET", other)).status())
				.isEqualTo(401);
			assertThat(http.send("GET", other, authorization("bob", REALM, "pw", nonce, 4, "GET", other)).text())
				.isEqualTo("bob's");
		}
	}

	@Test
	void requestWithABodyIsRefusedAtItsHeadWithout100Continue() throws IOException {
		for (String start : List.of("PUT /secure/file.txt", "POST /secure/sub/deep.txt", "POST /api/items")) {
			try (RawHttp http = new RawHttp(server.port())) {
				http.sendRaw(start + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
				RawHttp.Response refused = http.read(false);
				assertThat(refused.status()).as(start).isEqualTo(401);
				assertThat(refused.header("Connection")).isEqualTo("close");
				assertThat(http.closedByServer()).isTrue();
			}
			// without Expect, the 401 does not wait for the body either
			try (RawHttp http = new RawHttp(server.port())) {
				http.sendRaw(start + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
				assertThat(http.read(false).status()).as(start).isEqualTo(401);
				assertThat(http.closedByServer()).isTrue();
			}
		}
		// with credentials: 100 Continue, then the handler sees the body
		String uri = "/api/items";
		String nonce = nonceOf(RawHttp.request(server.port(), "GET", uri));
		try (RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("POST " + uri + " HTTP/1.1\r\nHost: x\r\n"
					+ authorization("carol", "api", "s3cret", nonce, 1, "POST", uri)
					+ "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
			assertThat(http.read(true).status()).isEqualTo(100);
			http.sendRaw("hello");
			assertThat(http.read(false).text()).isEqualTo("api for carol: hello");
		}
	}

	@Test
	void wrongPasswordUserRealmOrUriAreRefused() throws IOException {
		String nonce = nonceOf(RawHttp.request(server.port(), "GET", "/secure/file.txt"));
		String uri = "/secure/file.txt";
		assertThat(status(uri, authorization("alice", REALM, "wrong", nonce, "GET", uri))).isEqualTo(401);
		assertThat(status(uri, authorization("mallory", REALM, "wonder", nonce, "GET", uri))).isEqualTo(401);
		// bob exists, but in another realm
		assertThat(status(uri, authorization("bob", "other.realm", "pw", nonce, "GET", uri))).isEqualTo(401);
		// a correct response for another URI, replayed here
		assertThat(status(uri, authorization("alice", REALM, "wonder", nonce, "GET", "/open.txt"))).isEqualTo(401);
		// the right method matters
		assertThat(status(uri, authorization("alice", REALM, "wonder", nonce, "HEAD", uri))).isEqualTo(401);
		// a nonce the server never issued
		String forged = Long.toHexString(System.currentTimeMillis()) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
		assertThat(status(uri, authorization("alice", REALM, "wonder", forged, "GET", uri))).isEqualTo(401);
		// garbage does not crash the server
		assertThat(status(uri, "Authorization: Digest garbage")).isEqualTo(401);
		assertThat(status(uri, "Authorization: Digest username=\"alice\"")).isEqualTo(401);
		assertThat(status(uri, "Authorization: Basic YWxpY2U6d29uZGVy")).isEqualTo(401);
		// and the right one works, also with an equivalent encoded uri
		assertThat(status(uri, authorization("alice", REALM, "wonder", nonce, "GET", uri))).isEqualTo(200);
		assertThat(status("/secure/%66ile.txt",
				authorization("alice", REALM, "wonder", nonce, 2, "GET", "/secure/%66ile.txt")))
			.isEqualTo(200);
	}

	private static int status(String uri, String header) throws IOException {
		return RawHttp.request(server.port(), "GET", uri, header).status();
	}

	@Test
	void staleNonceGetsStaleChallenge() throws Exception {
		RawHttp.Response challenge = RawHttp.request(server.port(), "GET", "/quick/x");
		assertThat(challenge.status()).isEqualTo(401);
		String nonce = nonceOf(challenge);
		String auth = authorization("carol", "api", "s3cret", nonce, "GET", "/quick/x");
		assertThat(RawHttp.request(server.port(), "GET", "/quick/x", auth).text()).isEqualTo("quick ok");
		Thread.sleep(600);
		RawHttp.Response stale = RawHttp.request(server.port(), "GET", "/quick/x", auth);
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.header("WWW-Authenticate")).contains("stale=true");
		// a wrong password with an old nonce is not "stale": the client must ask the user
		RawHttp.Response wrong = RawHttp.request(server.port(), "GET", "/quick/x",
				authorization("carol", "api", "nope", nonce, "GET", "/quick/x"));
		assertThat(wrong.header("WWW-Authenticate")).doesNotContain("stale");
		String fresh = nonceOf(stale);
		assertThat(RawHttp
			.request(server.port(), "GET", "/quick/x",
					authorization("carol", "api", "s3cret", fresh, "GET", "/quick/x"))
			.status()).isEqualTo(200);
	}

	@Test
	void authHookProtectsHandlers() throws IOException {
		RawHttp.Response challenge = RawHttp.request(server.port(), "GET", "/api/items");
		assertThat(challenge.status()).isEqualTo(401);
		assertThat(challenge.header("WWW-Authenticate")).contains("realm=\"api\"");
		RawHttp.Response ok = RawHttp.request(server.port(), "GET", "/api/items",
				authorization("carol", "api", "s3cret", nonceOf(challenge), "GET", "/api/items"));
		assertThat(ok.text()).isEqualTo("api for carol");
		assertThat(RawHttp.request(server.port(), "GET", "/free").text()).isEqualTo("free");
	}

	@Test
	void curlDigestClient() throws Exception {
		Path curl = Path.of("/usr/bin/curl");
		assertThat(Files.isExecutable(curl)).as("curl is installed (.ci/run installs it)").isTrue();
		assertThat(curl(curl, "alice:wonder", server.url("/secure/file.txt"))).isEqualTo("protected content");
		assertThat(curl(curl, "carol:s3cret", server.url("/api/items?x=1"))).isEqualTo("api for carol");
		assertThat(curl(curl, "alice:bad", server.url("/secure/file.txt"))).isEqualTo("401 Unauthorized\n");
	}

	private static String curl(Path curl, String credentials, String url) throws Exception {
		return curl("-u", credentials, url);
	}

	/** {@code curl -s --digest} with {@code args}: what it printed. */
	static String curl(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-s", "--max-time", "10", "--digest"));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] out = p.getInputStream().readAllBytes();
		assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
		return new String(out, StandardCharsets.UTF_8);
	}

	@Test
	void replayedAuthorizationGetsStaleChallenge() throws IOException {
		String uri = "/secure/file.txt";
		String nonce = nonceOf(RawHttp.request(server.port(), "GET", uri));
		String captured = authorization("alice", REALM, "wonder", nonce, 1, "GET", uri);
		assertThat(status(uri, captured)).isEqualTo(200);
		// the same header again, from another connection: refused, and a client would
		// retry with the new nonce
		RawHttp.Response replay = RawHttp.request(server.port(), "GET", uri, captured);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.header("WWW-Authenticate")).contains("stale=true");
		assertThat(replay.text()).doesNotContain("protected");
		assertThat(nonceOf(replay)).isNotEqualTo(nonce);
		// the next count passes, on any connection; a lower one, or the same again, does
		// not
		assertThat(status(uri, authorization("alice", REALM, "wonder", nonce, 3, "GET", uri))).isEqualTo(200);
		assertThat(status(uri, authorization("alice", REALM, "wonder", nonce, 2, "GET", uri))).isEqualTo(401);
		try (RawHttp http = new RawHttp(server.port())) {
			assertThat(http.send("GET", uri, authorization("alice", REALM, "wonder", nonce, 4, "GET", uri)).status())
				.isEqualTo(200);
			assertThat(http.send("GET", uri, authorization("alice", REALM, "wonder", nonce, 4, "GET", uri)).status())
				.isEqualTo(401);
		}
		// the same for a handler protected by the auth hook
		String apiNonce = nonceOf(RawHttp.request(server.port(), "GET", "/api/items"));
		String api = authorization("carol", "api", "s3cret", apiNonce, 1, "GET", "/api/items");
		assertThat(RawHttp.request(server.port(), "GET", "/api/items", api).text()).isEqualTo("api for carol");
		RawHttp.Response apiReplay = RawHttp.request(server.port(), "GET", "/api/items", api);
		assertThat(apiReplay.status()).isEqualTo(401);
		assertThat(apiReplay.header("WWW-Authenticate")).contains("stale=true");
		// a count that is not 8 hex digits is malformed
		String shortCount = authorization("alice", REALM, "wonder", nonce, 5, "GET", uri).replace("nc=00000005",
				"nc=5");
		assertThat(status(uri, shortCount)).isEqualTo(401);
	}

	@Test
	void curlDigestSeveralRequestsOnOneConnectionAndAcrossConnections() throws Exception {
		String url = server.url("/secure/file.txt");
		String format = " %{http_code} %{num_connects}\n";
		// one connection kept alive: every request answers a fresh challenge on it
		assertThat(curl("-w", format, "-u", "alice:wonder", url, url, url))
			.isEqualTo("protected content 200 1\nprotected content 200 0\nprotected content 200 0\n");
		// a new connection for each request and each challenge
		assertThat(curl("-w", format, "-H", "Connection: close", "-u", "alice:wonder", url, url))
			.isEqualTo("protected content 200 2\nprotected content 200 2\n");
		assertThat(curl("-u", "alice:wonder", url)).isEqualTo("protected content");
	}

	@Test
	void globalAuthFileOverridesDirectoryFiles() throws Exception {
		Path global = tmp.resolve("global-passwords");
		assertThat(Server.modifyPasswordsFile(global.toString(), "g", "dave", "pw")).isTrue();
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", root.toString());
			x.setOption("auth_domain", "g");
			assertThat(x.setOption("global_auth_file", global.toString())).isNull();
		})) {
			RawHttp.Response challenge = RawHttp.request(s.port(), "GET", "/open.txt");
			assertThat(challenge.status()).isEqualTo(401);
			String nonce = nonceOf(challenge);
			assertThat(RawHttp
				.request(s.port(), "GET", "/open.txt", authorization("dave", "g", "pw", nonce, "GET", "/open.txt"))
				.text()).isEqualTo("open content");
			// alice of the directory file is not valid any more
			assertThat(RawHttp
				.request(s.port(), "GET", "/secure/file.txt",
						authorization("alice", "g", "wonder", nonce, "GET", "/secure/file.txt"))
				.status()).isEqualTo(401);
		}
	}

}
