package io.mongoose.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Connection;
import io.mongoose.PasswordsFile;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.auth.DigestAuth;
import io.mongoose.test.RawHttp;

/**
 * WebDAV over real sockets, with digest credentials computed here (and once with curl).
 */
class WebDavTest {

	static final String REALM = "dav.test";

	@TempDir
	static Path tmp;

	static Path root;

	static Path passwords;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		root = Files.createDirectories(tmp.resolve("root"));
		Files.createDirectories(root.resolve("docs/sub"));
		Files.writeString(root.resolve("docs/a.txt"), "aaa");
		passwords = tmp.resolve("dav-passwords");
		assertThat(Server.modifyPasswordsFile(passwords.toString(), REALM, "alice", "wonder")).isTrue();
		// alice may read docs (and so use DAV there); only bob may read vault and
		// parent/locked
		assertThat(Server.modifyPasswordsFile(root.resolve("docs/.htpasswd").toString(), REALM, "alice", "wonder"))
			.isTrue();
		Files.createDirectories(root.resolve("vault/inner"));
		Files.writeString(root.resolve("vault/inner/w.txt"), "www");
		assertThat(Server.modifyPasswordsFile(root.resolve("vault/.htpasswd").toString(), REALM, "bob", "pw")).isTrue();
		Files.createDirectories(root.resolve("parent/locked"));
		assertThat(Server.modifyPasswordsFile(root.resolve("parent/locked/.htpasswd").toString(), REALM, "bob", "pw"))
			.isTrue();
		server = RunningServer.start(s -> {
			s.setOption("document_root", root.toString());
			s.setOption("auth_domain", REALM);
			assertThat(s.setOption("dav_auth_file", passwords.toString())).isNull();
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	/**
	 * A connection that answered one challenge and sends credentials with every request.
	 */
	static final class DavClient implements AutoCloseable {

		final RawHttp http;

		final String nonce;

		final String password;

		/** The nonce count: one higher for every request. */
		int nc;

		DavClient(int port, String password) throws IOException {
			this.http = new RawHttp(port);
			this.password = password;
			RawHttp.Response challenge = this.http.send("PROPFIND", "/", "Depth: 0");
			assertThat(challenge.status()).isEqualTo(401);
			this.nonce = Connection.parseHeader(challenge.header("WWW-Authenticate"), "nonce");
		}

		String auth(String method, String uri) {
			String ha1 = PasswordsFile.ha1("alice", REALM, this.password);
			String count = String.format("%08x", ++this.nc);
			String response = DigestAuth.response(ha1, this.nonce, count, "c0ffee", "auth", method, uri);
			return "Authorization: Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\"" + this.nonce
					+ "\", uri=\"" + uri + "\", qop=auth, nc=" + count + ", cnonce=\"c0ffee\", response=\"" + response
					+ "\"";
		}

		RawHttp.Response send(String method, String uri, String body, String... headers) throws IOException {
			StringBuilder sb = new StringBuilder(
					method + " " + uri + " HTTP/1.1\r\nHost: x\r\n" + auth(method, uri) + "\r\n");
			for (String h : headers) {
				sb.append(h).append("\r\n");
			}
			if (body != null) {
				sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
			}
			sb.append("\r\n");
			if (body != null) {
				sb.append(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
			}
			this.http.sendRaw(sb.toString()); // in one write: a refused head closes the
												// connection
			return this.http.read(false);
		}

		@Override
		public void close() throws IOException {
			this.http.close();
		}

	}

	@Test
	void putCreatesThenOverwritesWithParentDirectories() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			RawHttp.Response created = dav.send("PUT", "/new/deep/file.txt", "first version");
			assertThat(created.status()).isEqualTo(201);
			assertThat(root.resolve("new/deep/file.txt")).hasContent("first version");
			RawHttp.Response overwritten = dav.send("PUT", "/new/deep/file.txt", "v2");
			assertThat(overwritten.status()).isEqualTo(200);
			assertThat(root.resolve("new/deep/file.txt")).hasContent("v2");
			RawHttp.Response noLength = dav.send("PUT", "/new/nolength.txt", null);
			assertThat(noLength.status()).isEqualTo(411);
			assertThat(root.resolve("new/nolength.txt")).doesNotExist();
			// same connection still usable, and what was written is served
			assertThat(dav.http.send("GET", "/new/deep/file.txt").text()).isEqualTo("v2");
			String before = Files.readString(root.resolve("docs/.htpasswd"));
			assertThat(dav.send("PUT", "/docs/.htpasswd", "alice:x:y").status()).isEqualTo(403);
			assertThat(root.resolve("docs/.htpasswd")).hasContent(before);
		}
		try (var files = Files.list(root.resolve("new/deep"))) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("file.txt");
		}
	}

	@Test
	void scriptsAndPasswordFilesCannotBeWrittenUnlessAllowed() throws Exception {
		Files.writeString(root.resolve("old.cgi"), "#!/bin/sh\necho\n");
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			assertThat(dav.send("PUT", "/x.cgi", "#!/bin/sh\necho 'Content-Type: text/plain'\necho\nid\n").status())
				.isEqualTo(403);
			assertThat(dav.send("PUT", "/docs/sub/run.php", "<?php ?>").status()).isEqualTo(403);
			assertThat(dav.send("MKCOL", "/dir.cgi", null).status()).isEqualTo(403);
			assertThat(dav.send("DELETE", "/old.cgi", null).status()).isEqualTo(403);
			assertThat(dav.send("PUT", "/docs/sub/.htpasswd", "alice:x:y").status()).isEqualTo(403);
			assertThat(dav.send("DELETE", "/docs/.htpasswd", null).status()).isEqualTo(403);
			// the next GET finds nothing to run; a plain file is still written
			assertThat(dav.http.send("GET", "/x.cgi").status()).isEqualTo(404);
			assertThat(dav.send("PUT", "/x.txt", "data").status()).isEqualTo(201);
		}
		assertThat(root.resolve("x.cgi")).doesNotExist();
		assertThat(root.resolve("dir.cgi")).doesNotExist();
		assertThat(root.resolve("old.cgi")).exists();
		assertThat(root.resolve("docs/.htpasswd")).exists();
		try (RunningServer allowing = RunningServer.start(s -> {
			s.setOption("document_root", root.toString());
			s.setOption("auth_domain", REALM);
			s.setOption("dav_auth_file", passwords.toString());
			assertThat(s.setOption("dav_allow_script_upload", "maybe")).contains("yes or no");
			assertThat(s.setOption("dav_allow_script_upload", "yes")).isNull();
		}); DavClient dav = new DavClient(allowing.port(), "wonder")) {
			assertThat(dav.send("PUT", "/allowed.cgi", "#!/bin/sh\n").status()).isEqualTo(201);
			assertThat(dav.send("DELETE", "/old.cgi", null).status()).isEqualTo(204);
		}
		assertThat(root.resolve("allowed.cgi")).exists();
	}

	@Test
	void putWithExpectContinueGets100First() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			dav.http.sendRaw("PUT /expect.txt HTTP/1.1\r\nHost: x\r\n" + dav.auth("PUT", "/expect.txt")
					+ "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
			RawHttp.Response interim = dav.http.read(true);
			assertThat(interim.status()).isEqualTo(100);
			dav.http.sendRaw("hello");
			assertThat(dav.http.read(false).status()).isEqualTo(201);
			assertThat(root.resolve("expect.txt")).hasContent("hello");
		}
	}

	@Test
	void putWithoutCredentialsGets401BeforeItsBody() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("PUT /unasked.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
			RawHttp.Response refused = http.read(false);
			assertThat(refused.status()).isEqualTo(401); // and no 100 Continue before it
			assertThat(refused.header("WWW-Authenticate")).contains("realm=\"" + REALM + "\"");
			assertThat(http.closedByServer()).isTrue();
		}
		try (DavClient wrong = new DavClient(server.port(), "not-the-password")) {
			wrong.http.sendRaw("PUT /unasked.txt HTTP/1.1\r\nHost: x\r\n" + wrong.auth("PUT", "/unasked.txt")
					+ "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
			assertThat(wrong.http.read(false).status()).isEqualTo(401);
		}
		assertThat(root.resolve("unasked.txt")).doesNotExist();
	}

	@Test
	void protectedDirectoriesNeedTheirOwnCredentialsAsForGet() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			// alice may use DAV, but she is not in vault's passwords file
			assertThat(dav.send("PROPFIND", "/vault/", null, "Depth: 1").status()).isEqualTo(401);
			assertThat(dav.send("PROPFIND", "/vault/inner/w.txt", null, "Depth: 0").status()).isEqualTo(401);
			assertThat(dav.send("DELETE", "/vault", null).status()).isEqualTo(401);
			assertThat(dav.send("DELETE", "/vault/inner", null).status()).isEqualTo(401);
			assertThat(dav.send("DELETE", "/parent", null).status()).isEqualTo(401); // a
																						// protected
																						// directory
																						// inside
			assertThat(dav.send("MKCOL", "/vault/made", null).status()).isEqualTo(401);
			assertThat(dav.send("PUT", "/vault/inner/planted.txt", "x").status()).isEqualTo(401); // and
																									// closes
		}
		assertThat(root.resolve("vault/.htpasswd")).exists();
		assertThat(root.resolve("vault/inner/w.txt")).hasContent("www");
		assertThat(root.resolve("parent/locked/.htpasswd")).exists();
		assertThat(root.resolve("vault/made")).doesNotExist();
		assertThat(root.resolve("vault/inner/planted.txt")).doesNotExist();
		// where alice is in the passwords files, DAV works as usual, also on a tree
		// holding one
		Files.createDirectories(root.resolve("shared/deep"));
		assertThat(
				Server.modifyPasswordsFile(root.resolve("shared/deep/.htpasswd").toString(), REALM, "alice", "wonder"))
			.isTrue();
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			assertThat(dav.send("PUT", "/shared/deep/mine.txt", "mine").status()).isEqualTo(201);
			assertThat(dav.send("PROPFIND", "/shared/deep/", null, "Depth: 1").text()).contains("mine.txt");
			assertThat(dav.send("DELETE", "/shared", null).status()).isEqualTo(204);
		}
		assertThat(root.resolve("shared")).doesNotExist();
	}

	@Test
	void everyMethodNeedsCredentials() throws Exception {
		Files.writeString(root.resolve("keep.txt"), "keep");
		for (String method : List.of("PUT", "DELETE", "MKCOL", "PROPFIND")) {
			RawHttp.Response r = RawHttp.request(server.port(), method, "/keep.txt", "Content-Length: 0");
			assertThat(r.status()).as(method).isEqualTo(401);
			assertThat(r.header("WWW-Authenticate")).contains("realm=\"" + REALM + "\"");
		}
		try (DavClient wrong = new DavClient(server.port(), "not-the-password")) {
			assertThat(wrong.send("DELETE", "/keep.txt", null).status()).isEqualTo(401);
			assertThat(wrong.send("MKCOL", "/made", null).status()).isEqualTo(401);
			assertThat(wrong.send("PUT", "/keep.txt", "overwritten").status()).isEqualTo(401); // and
																								// closes
		}
		assertThat(root.resolve("keep.txt")).hasContent("keep");
		assertThat(root.resolve("made")).doesNotExist();
	}

	@Test
	void withoutDavAuthFileEverythingIs401AndAllowOmitsDav() throws Exception {
		Files.writeString(root.resolve("stay.txt"), "stay");
		try (RunningServer plain = RunningServer.start(s -> s.setOption("document_root", root.toString()))) {
			assertThat(RawHttp.request(plain.port(), "DELETE", "/stay.txt").status()).isEqualTo(401);
			assertThat(RawHttp.request(plain.port(), "OPTIONS", "/").header("Allow")).doesNotContain("PUT");
		}
		assertThat(root.resolve("stay.txt")).exists();
		RawHttp.Response options = RawHttp.request(server.port(), "OPTIONS", "/");
		assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, DELETE, MKCOL, PROPFIND, PUT");
		assertThat(RawHttp.request(server.port(), "POST", "/stay.txt", "Content-Length: 0").header("Allow"))
			.isEqualTo(options.header("Allow"));
		assertThat(options.header("DAV")).isEqualTo("1");
	}

	@Test
	void deleteFilesAndDirectories() throws Exception {
		Files.createDirectories(root.resolve("trash/inner"));
		Files.writeString(root.resolve("trash/inner/x.txt"), "x");
		Files.writeString(root.resolve("gone.txt"), "gone");
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			assertThat(dav.send("DELETE", "/gone.txt", null).status()).isEqualTo(204);
			assertThat(root.resolve("gone.txt")).doesNotExist();
			assertThat(dav.send("DELETE", "/gone.txt", null).status()).isEqualTo(404);
			assertThat(dav.send("DELETE", "/trash", null).status()).isEqualTo(204);
			assertThat(root.resolve("trash")).doesNotExist();
			assertThat(dav.send("DELETE", "/", null).status()).isEqualTo(403);
			assertThat(root).exists();
		}
	}

	@Test
	void mkcolStatuses() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			assertThat(dav.send("MKCOL", "/coll", null).status()).isEqualTo(201);
			assertThat(root.resolve("coll")).isDirectory();
			assertThat(dav.send("MKCOL", "/coll", null).status()).isEqualTo(405);
			assertThat(dav.send("MKCOL", "/missing/child", null).status()).isEqualTo(409);
			assertThat(dav.send("MKCOL", "/withbody", "<x/>").status()).isEqualTo(415);
			assertThat(root.resolve("withbody")).doesNotExist();
		}
	}

	@Test
	void propfindDepthZeroAndOne() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			RawHttp.Response zero = dav.send("PROPFIND", "/docs", null, "Depth: 0");
			assertThat(zero.status()).isEqualTo(207);
			assertThat(zero.header("Content-Type")).startsWith("text/xml");
			assertThat(zero.text()).startsWith("<?xml")
				.contains("<d:multistatus xmlns:d=\"DAV:\">")
				.contains("<d:href>/docs/</d:href>")
				.contains("<d:collection/>")
				.doesNotContain("a.txt");
			RawHttp.Response one = dav.send("PROPFIND", "/docs/", null, "Depth: 1");
			assertThat(one.status()).isEqualTo(207);
			assertThat(one.text())
				.contains("<d:href>/docs/a.txt</d:href>", "<d:getcontentlength>3</d:getcontentlength>",
						"<d:href>/docs/sub/</d:href>", "<d:getlastmodified>")
				.doesNotContain(".htpasswd");
			assertThat(count(one.text(), "<d:response>")).isEqualTo(3);
			RawHttp.Response file = dav.send("PROPFIND", "/docs/a.txt", null, "Depth: 1");
			assertThat(count(file.text(), "<d:response>")).isEqualTo(1);
			assertThat(dav.send("PROPFIND", "/nothing", null).status()).isEqualTo(404);
		}
	}

	@Test
	void interruptedPutLeavesNoFile() throws Exception {
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			dav.http.sendRaw("PUT /half.txt HTTP/1.1\r\nHost: x\r\n" + dav.auth("PUT", "/half.txt")
					+ "\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(50_000));
		} // disconnect with half the body sent
		Files.writeString(root.resolve("old.txt"), "old content");
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			dav.http.sendRaw("PUT /old.txt HTTP/1.1\r\nHost: x\r\n" + dav.auth("PUT", "/old.txt")
					+ "\r\nContent-Length: 100000\r\n\r\n" + "y".repeat(30_000));
		}
		// the bodies streamed to temporary files, deleted once the server sees the
		// clients gone
		awaitNoTemporaryFile();
		assertThat(root.resolve("half.txt")).doesNotExist();
		assertThat(root.resolve("old.txt")).hasContent("old content");
	}

	/** Waits (10 s at most) until the document root holds no partial upload. */
	private static void awaitNoTemporaryFile() throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (true) {
			List<String> names;
			try (var files = Files.list(root)) {
				names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
			}
			if (names.stream().noneMatch(n -> n.startsWith(".mg-upload-"))) {
				return;
			}
			assertThat(System.nanoTime()).as("document root now: %s", names).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	@Test
	void aChunkedPutOverARawSocketLargerThanMaxBodySizeStreamsToDisk() throws Exception {
		byte[] data = new byte[20_000_000]; // more than max_body_size (16 MiB)
		new java.util.Random(5).nextBytes(data);
		try (DavClient dav = new DavClient(server.port(), "wonder")) {
			dav.http.sendRaw("PUT /chunked/big.bin HTTP/1.1\r\nHost: x\r\n" + dav.auth("PUT", "/chunked/big.bin")
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n");
			for (int at = 0; at < data.length; at += 1_000_000) {
				int n = Math.min(1_000_000, data.length - at);
				dav.http.sendRaw(Integer.toHexString(n) + "\r\n" + new String(data, at, n, StandardCharsets.ISO_8859_1)
						+ "\r\n");
			}
			dav.http.sendRaw("0\r\n\r\n");
			assertThat(dav.http.read(false).status()).isEqualTo(201);
			// kept alive: the next request on the connection is served
			assertThat(dav.send("PROPFIND", "/chunked/big.bin", null, "Depth: 0").text())
				.contains("<d:getcontentlength>20000000</d:getcontentlength>");
		}
		assertThat(Files.readAllBytes(root.resolve("chunked/big.bin"))).isEqualTo(data);
	}

	@Test
	void curlPutFromStdinIsChunkedAndStoredAtOnce() throws Exception {
		Path curl = Path.of("/usr/bin/curl");
		assertThat(Files.isExecutable(curl)).as("curl is installed (.ci/run installs it)").isTrue();
		byte[] data = new byte[3_000_000];
		new java.util.Random(4).nextBytes(data);
		Process p = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time",
				"20", "--digest", "-u", "alice:wonder", "-T", "-", server.url("/stdin/upload.bin"))
			.redirectErrorStream(true)
			.start();
		try (OutputStream stdin = p.getOutputStream()) {
			stdin.write(data);
		}
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(25, TimeUnit.SECONDS)).isTrue();
		assertThat(out).isEqualTo("201");
		assertThat(Files.readAllBytes(root.resolve("stdin/upload.bin"))).isEqualTo(data);
	}

	@Test
	void aPutOverDavMaxPutSizeIs413AndLeavesNothing() throws Exception {
		try (RunningServer capped = RunningServer.start(s -> {
			s.setOption("document_root", root.toString());
			s.setOption("auth_domain", REALM);
			s.setOption("dav_auth_file", passwords.toString());
			assertThat(s.setOption("dav_max_put_size", "1000")).isNull();
		}); DavClient dav = new DavClient(capped.port(), "wonder")) {
			assertThat(dav.send("PUT", "/capped.txt", "x".repeat(1001)).status()).isEqualTo(413);
		}
		try (RunningServer capped = RunningServer.start(s -> {
			s.setOption("document_root", root.toString());
			s.setOption("auth_domain", REALM);
			s.setOption("dav_auth_file", passwords.toString());
			s.setOption("dav_max_put_size", "1000");
		}); DavClient dav = new DavClient(capped.port(), "wonder")) {
			dav.http.sendRaw("PUT /capped.txt HTTP/1.1\r\nHost: x\r\n" + dav.auth("PUT", "/capped.txt")
					+ "\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + "y".repeat(600) + "\r\n258\r\n"
					+ "y".repeat(600) + "\r\n0\r\n\r\n");
			assertThat(dav.http.read(false).status()).isEqualTo(413);
		}
		awaitNoTemporaryFile();
		assertThat(root.resolve("capped.txt")).doesNotExist();
	}

	@Test
	void curlDigestPut() throws Exception {
		Path curl = Path.of("/usr/bin/curl");
		assertThat(Files.isExecutable(curl)).as("curl is installed (.ci/run installs it)").isTrue();
		Path upload = tmp.resolve("upload.bin");
		byte[] data = new byte[300_000];
		new java.util.Random(3).nextBytes(data);
		Files.write(upload, data);
		Process p = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time",
				"10", "--digest", "-u", "alice:wonder", "-T", upload.toString(), server.url("/curl/upload.bin"))
			.redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
		assertThat(out).isEqualTo("201");
		assertThat(Files.readAllBytes(root.resolve("curl/upload.bin"))).isEqualTo(data);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}
