package io.mongoose.cgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawHttp;

/**
 * CGI over real sockets: shell scripts written here, run by the server's static pipeline.
 */
class CgiTest {

	@TempDir
	static Path tmp;

	static Path root;

	static Path scripts;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		root = Files.createDirectories(tmp.resolve("root"));
		scripts = Files.createDirectories(root.resolve("dir with spaces"));
		script(scripts.resolve("env.cgi"), """
				#!/bin/sh
				echo "Content-Type: text/plain"
				echo
				env
				echo "CWD=$(pwd)"
				""");
		script(scripts.resolve("echo.cgi"), """
				#!/bin/sh
				echo "Content-Type: application/octet-stream"
				echo
				cat
				""");
		script(root.resolve("redirect.cgi"), """
				#!/bin/sh
				printf 'Status: 302 Moved\\r\\nLocation: /elsewhere\\r\\n\\r\\n'
				""");
		script(root.resolve("location.cgi"), """
				#!/bin/sh
				printf 'Location: /there\\n\\n'
				""");
		script(root.resolve("teapot.cgi"), """
				#!/bin/sh
				printf 'Status: 418\\nContent-Type: text/plain\\nX-Custom: yes\\n\\nshort and stout'
				""");
		script(root.resolve("length.cgi"), """
				#!/bin/sh
				printf 'Content-Type: text/plain\\nContent-Length: 5\\n\\nhello'
				""");
		script(root.resolve("long.cgi"), """
				#!/bin/sh
				printf 'Content-Type: text/plain\\nContent-Length: 3\\n\\nhello'
				""");
		script(root.resolve("short.cgi"), """
				#!/bin/sh
				printf 'Content-Type: text/plain\\nContent-Length: 10\\n\\nhello'
				""");
		script(root.resolve("slow.cgi"), """
				#!/bin/sh
				echo "Content-Type: text/plain"
				echo
				echo first
				sleep 1
				echo second
				""");
		script(root.resolve("hang.cgi"), """
				#!/bin/sh
				echo "Content-Type: text/plain"
				echo
				echo started
				sleep 60 &
				echo $! > "$DOCUMENT_ROOT/hang.pid"
				wait
				""");
		script(root.resolve("silent.cgi"), """
				#!/bin/sh
				sleep 60
				""");
		script(root.resolve("die.cgi"), """
				#!/bin/sh
				echo "Content-Type: text/plain"
				echo
				echo partial
				kill -9 $$
				echo never
				""");
		script(root.resolve("broken.cgi"), """
				#!/bin/sh
				echo "Content-Type: text/plain"
				exit 3
				""");
		script(root.resolve("bare-cr.cgi"), """
				#!/bin/sh
				printf 'Content-Type: text/plain\\nX-Note: a\\rSet-Cookie: injected=1\\n\\nbody'
				""");
		script(root.resolve("interim.cgi"), """
				#!/bin/sh
				printf 'Status: 103 Early Hints\\nLink: </style.css>; rel=preload\\n\\nbody'
				""");
		// not executable: the server reads the #! line itself
		Files.writeString(root.resolve("plain.cgi"),
				"#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho plain ok\n");
		Files.writeString(root.resolve("source.txt"), "not a script");
		server = RunningServer.start(s -> {
			assertThat(s.setOption("document_root", root.toString())).isNull();
			assertThat(s.setOption("auth_domain", "cgi.test")).isNull();
			assertThat(s.setOption("cgi_timeout_ms", "2000")).isNull();
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	static void script(Path file, String text) throws IOException {
		Files.writeString(file, text);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	static Map<String, String> env(String body) {
		Map<String, String> env = new HashMap<>();
		for (String line : body.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				env.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		return env;
	}

	@Test
	void environmentDump() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/dir%20with%20spaces/env.cgi?a=1&b=x%20y", "My-HdR: custom value");
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.header("Content-Type")).isEqualTo("text/plain");
			assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
			Map<String, String> env = env(r.text());
			Path script = scripts.resolve("env.cgi").toAbsolutePath();
			assertThat(env).containsEntry("GATEWAY_INTERFACE", "CGI/1.1")
				.containsEntry("SERVER_SOFTWARE", "Mongoose/5.1")
				.containsEntry("SERVER_NAME", "cgi.test")
				.containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
				.containsEntry("SERVER_PORT", Integer.toString(server.port()))
				.containsEntry("REQUEST_METHOD", "GET")
				.containsEntry("REMOTE_ADDR", "127.0.0.1")
				.containsEntry("QUERY_STRING", "a=1&b=x%20y")
				.containsEntry("REQUEST_URI", "/dir with spaces/env.cgi?a=1&b=x%20y")
				.containsEntry("SCRIPT_NAME", "/dir with spaces/env.cgi")
				.containsEntry("SCRIPT_FILENAME", script.toString())
				.containsEntry("DOCUMENT_ROOT", root.toAbsolutePath().toString())
				.containsEntry("HTTPS", "off")
				.containsEntry("REDIRECT_STATUS", "200")
				.containsEntry("HTTP_MY_HDR", "custom value")
				.containsEntry("HTTP_HOST", "localhost")
				.containsEntry("CWD", scripts.toRealPath().toString())
				.containsKey("REMOTE_PORT")
				.containsKey("PATH")
				.doesNotContainKey("PATH_INFO")
				.doesNotContainKey("CONTENT_LENGTH");
			assertThat(env.keySet()).as("the environment is cleared, not inherited")
				.doesNotContain("HOME", "USER", "JAVA_HOME");
			// keep-alive after a chunked CGI reply
			assertThat(http.send("GET", "/source.txt").text()).isEqualTo("not a script");
		}
	}

	@Test
	void pathInfoSearchFindsTheScriptPrefix() throws Exception {
		RawHttp.Response r = RawHttp.request(server.port(), "GET", "/dir%20with%20spaces/env.cgi/extra/path.txt");
		assertThat(r.status()).isEqualTo(200);
		Map<String, String> env = env(r.text());
		assertThat(env).containsEntry("PATH_INFO", "/extra/path.txt")
			.containsEntry("SCRIPT_NAME", "/dir with spaces/env.cgi");
		assertThat(RawHttp.request(server.port(), "GET", "/no/such/dir/env.cgi/x").status()).isEqualTo(404);
		assertThat(RawHttp.request(server.port(), "GET", "/source.txt/x").status()).isIn(403, 404);
	}

	@Test
	void postBodyOf200KbIsStreamedToTheScriptAndBack() throws Exception {
		byte[] body = new byte[200 * 1024];
		new Random(7).nextBytes(body);
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /dir%20with%20spaces/echo.cgi HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-test\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			RawHttp.Response r = readResponse(socket.getInputStream());
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.body()).isEqualTo(body);
		}
		RawHttp.Response env = RawHttp.request(server.port(), "GET", "/dir%20with%20spaces/env.cgi");
		assertThat(env.status()).isEqualTo(200);
	}

	@Test
	void postEnvironmentHasContentLengthAndType() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST /dir%20with%20spaces/env.cgi HTTP/1.1\r\nHost: x\r\n"
						+ "Content-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc")
					.getBytes(StandardCharsets.US_ASCII));
			Map<String, String> env = env(readResponse(socket.getInputStream()).text());
			assertThat(env).containsEntry("CONTENT_LENGTH", "3")
				.containsEntry("CONTENT_TYPE", "text/plain")
				.containsEntry("REQUEST_METHOD", "POST");
		}
	}

	@Test
	void statusAndLocationHeaders() throws Exception {
		RawHttp.Response r = RawHttp.request(server.port(), "GET", "/redirect.cgi");
		assertThat(r.status()).isEqualTo(302);
		assertThat(r.header("Location")).isEqualTo("/elsewhere");
		assertThat(r.headers()).doesNotContainKey("status");
		RawHttp.Response loc = RawHttp.request(server.port(), "GET", "/location.cgi");
		assertThat(loc.status()).isEqualTo(302);
		assertThat(loc.header("Location")).isEqualTo("/there");
		RawHttp.Response teapot = RawHttp.request(server.port(), "GET", "/teapot.cgi");
		assertThat(teapot.status()).isEqualTo(418);
		assertThat(teapot.header("X-Custom")).isEqualTo("yes");
		assertThat(teapot.text()).isEqualTo("short and stout");
	}

	@Test
	void bareCrInAHeaderValueIs502AndTheConnectionStaysUsable() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/bare-cr.cgi");
			assertThat(r.status()).isEqualTo(502);
			assertThat(r.headers()).doesNotContainKeys("set-cookie", "x-note");
			assertThat(http.send("GET", "/source.txt").text()).isEqualTo("not a script");
		}
	}

	@Test
	void interimStatusAsTheFinalStatusIs502() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/interim.cgi");
			assertThat(r.status()).isEqualTo(502);
			assertThat(r.headers()).doesNotContainKey("link");
			assertThat(http.send("GET", "/source.txt").text()).isEqualTo("not a script");
		}
	}

	@Test
	void scriptsAboveCgiMaxProcessesGet503AndNoProcess() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("capped"));
		script(dir.resolve("wait.cgi"), "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho started\n"
				+ "while [ ! -e go ]; do sleep 0.05; done\necho done\n");
		int requests = 20;
		ExecutorService readers = Executors.newFixedThreadPool(requests);
		List<Socket> sockets = new ArrayList<>();
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", dir.toString());
			assertThat(x.setOption("cgi_max_processes", "2")).isNull();
			x.setOption("cgi_timeout_ms", "0");
		})) {
			for (int i = 0; i < requests; i++) {
				Socket socket = new Socket("127.0.0.1", s.port());
				socket.setSoTimeout(10_000);
				sockets.add(socket);
				socket.getOutputStream()
					.write("GET /wait.cgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			// a running script has sent its first line and now blocks until the test
			// creates "go"
			List<Future<RawHttp.Response>> firsts = new ArrayList<>();
			for (Socket socket : sockets) {
				firsts.add(readers.submit(() -> {
					InputStream in = socket.getInputStream();
					String head = readUntil(in, "\r\n\r\n");
					int status = Integer.parseInt(head.split(" ")[1]);
					String more = (status == 200) ? readUntil(in, "started\n") : "";
					return new RawHttp.Response(status, Map.of("head", head),
							more.getBytes(StandardCharsets.ISO_8859_1));
				}));
			}
			List<RawHttp.Response> heads = new ArrayList<>();
			for (Future<RawHttp.Response> first : firsts) {
				heads.add(first.get(30, TimeUnit.SECONDS));
			}
			assertThat(heads).filteredOn(r -> r.status() == 200).hasSize(2);
			assertThat(heads).filteredOn(r -> r.status() == 503)
				.hasSize(requests - 2)
				.allSatisfy(r -> assertThat(r.header("head")).contains("\r\nRetry-After: 1\r\n"));
			assertThat(ProcessHandle.current()
				.children()
				.filter(ProcessHandle::isAlive)
				.filter(p -> p.info().commandLine().orElse("").contains("wait.cgi"))
				.count()).as("children while the two scripts block").isEqualTo(2);

			Files.createFile(dir.resolve("go"));
			for (int i = 0; i < requests; i++) {
				if (heads.get(i).status() == 200) {
					assertThat(readUntil(sockets.get(i).getInputStream(), "0\r\n\r\n")).contains("done\n");
				}
			}
			// the slots come back once both processes and their pumps have ended
			long deadline = System.currentTimeMillis() + 10_000;
			int status;
			do {
				status = RawHttp.request(s.port(), "GET", "/wait.cgi").status();
			}
			while (status == 503 && System.currentTimeMillis() < deadline);
			assertThat(status).isEqualTo(200);
		}
		finally {
			readers.shutdownNow();
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		assertNoChildrenOrZombies();
	}

	@Test
	void contentLengthFromTheScriptIsPassedThroughAndKeepsTheConnection() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/length.cgi");
			assertThat(r.header("Content-Length")).isEqualTo("5");
			assertThat(r.header("Transfer-Encoding")).isNull();
			assertThat(r.text()).isEqualTo("hello");
			RawHttp.Response head = http.send("HEAD", "/length.cgi");
			assertThat(head.status()).isEqualTo(200);
			assertThat(http.send("GET", "/plain.cgi").text()).isEqualTo("plain ok\n");
		}
	}

	@Test
	void outputIsFramedByTheServerOnceWithADate() throws Exception {
		String chunked = server.raw("GET /slow.cgi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		String head = chunked.substring(0, chunked.indexOf("\r\n\r\n") + 2);
		assertThat(head.split("Transfer-Encoding: chunked", -1)).hasSize(2);
		assertThat(head).doesNotContain("Content-Length").containsPattern("\r\nDate: [^\r]+ GMT\r\n");
		assertThat(chunked).endsWith("\r\n0\r\n\r\n");
		RawHttp.Response dechunked = readResponse(
				new java.io.ByteArrayInputStream(chunked.getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(dechunked.text()).isEqualTo("first\nsecond\n");
		String length = server.raw("GET /length.cgi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(length).contains("\r\nContent-Length: 5\r\n")
			.containsPattern("\r\nDate: [^\r]+ GMT\r\n")
			.doesNotContain("Transfer-Encoding")
			.endsWith("\r\n\r\nhello");
	}

	@Test
	void outputLongerOrShorterThanItsContentLengthEndsTheConnection() throws Exception {
		String cut = server.raw("GET /long.cgi HTTP/1.1\r\nHost: x\r\n\r\n"); // read
																				// until
																				// the
																				// close
		assertThat(cut).contains("\r\nContent-Length: 3\r\n").doesNotContain("chunked").endsWith("\r\n\r\nhel");
		String shorter = server.raw("GET /short.cgi HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(shorter).contains("\r\nContent-Length: 10\r\n").doesNotContain("chunked").endsWith("\r\n\r\nhello");
		assertThat(server.get("/plain.cgi").body()).isEqualTo("plain ok\n");
	}

	@Test
	void http10ReplyIsCloseDelimited() throws Exception {
		String reply = server.raw("GET /slow.cgi HTTP/1.0\r\n\r\n");
		assertThat(reply).startsWith("HTTP/1.1 200")
			.doesNotContain("chunked")
			.contains("Connection: close")
			.endsWith("\r\n\r\nfirst\nsecond\n");
	}

	@Test
	void slowOutputIsStreamedAsProduced() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /slow.cgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			long start = System.nanoTime();
			String seen = readUntil(in, "first\n");
			long firstAt = System.nanoTime();
			assertThat(seen).startsWith("HTTP/1.1 200").doesNotContain("second");
			readUntil(in, "second\n");
			long secondAt = System.nanoTime();
			assertThat((firstAt - start) / 1_000_000).as("first line arrives before the script ends").isLessThan(800);
			assertThat((secondAt - firstAt) / 1_000_000).isGreaterThan(500);
			assertThat(readUntil(in, "0\r\n\r\n")).endsWith("\r\n0\r\n\r\n");
		}
	}

	@Test
	void hangingScriptIsKilledAfterTheTimeoutAndLeavesNoProcess() throws Exception {
		Path pidFile = root.resolve("hang.pid");
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /hang.cgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();
			String reply = RunningServer.readAll(socket.getInputStream()); // until the
																			// server
																			// closes
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			assertThat(reply).startsWith("HTTP/1.1 200").contains("started").doesNotContain("\r\n0\r\n\r\n");
			assertThat(elapsed).isBetween(1500L, 8000L);
		}
		long grandchild = Long.parseLong(Files.readString(pidFile).trim());
		waitUntil(() -> !running(grandchild), 5000);
		assertThat(running(grandchild)).as("the script's own child was killed too").isFalse();
		RawHttp.Response silent = RawHttp.request(server.port(), "GET", "/silent.cgi");
		assertThat(silent.status()).isEqualTo(504);
		assertNoChildrenOrZombies();
	}

	@Test
	void scriptDyingMidReplyEndsTheReplyCleanly() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/die.cgi");
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.text()).isEqualTo("partial\n");
			assertThat(http.send("GET", "/source.txt").text()).isEqualTo("not a script");
			RawHttp.Response broken = http.send("GET", "/broken.cgi");
			assertThat(broken.status()).isEqualTo(500);
		}
		assertNoChildrenOrZombies();
	}

	@Test
	void interpreterOptionRunsScriptsWithoutShebang() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("interp"));
		Files.writeString(dir.resolve("run.cgi"), "echo 'Content-Type: text/plain'\necho\necho \"by sh in $(pwd)\"\n");
		Files.writeString(dir.resolve("rel.cgi"), "#!./tool.sh\n");
		script(dir.resolve("tool.sh"), "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"tool got $1\"\n");
		try (RunningServer s = RunningServer.start(x -> x.setOption("document_root", dir.toString()))) {
			RawHttp.Response noInterpreter = RawHttp.request(s.port(), "GET", "/run.cgi");
			assertThat(noInterpreter.status()).as("not executable and no #! line").isEqualTo(500);
			RawHttp.Response relative = RawHttp.request(s.port(), "GET", "/rel.cgi");
			assertThat(relative.text()).isEqualTo("tool got " + dir.resolve("rel.cgi").toAbsolutePath() + "\n");
		}
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", dir.toString());
			assertThat(x.setOption("cgi_interpreter", "/bin/sh")).isNull();
		})) {
			RawHttp.Response r = RawHttp.request(s.port(), "GET", "/run.cgi");
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.text()).isEqualTo("by sh in " + dir.toRealPath() + "\n");
		}
	}

	@Test
	void cgiPatternSelectsScriptsAndOptionsAreValidated() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("pattern"));
		script(dir.resolve("x.sh"), "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho ran\n");
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", dir.toString());
			assertThat(x.setOption("cgi_pattern", "**.sh$")).isNull();
			assertThat(x.setOption("cgi_timeout_ms", "soon")).contains("cgi_timeout_ms");
			assertThat(x.setOption("run_as_user", "nobody")).contains("not supported");
			assertThat(x.getOption("cgi_timeout_ms")).isEqualTo("30000");
		})) {
			assertThat(RawHttp.request(s.port(), "GET", "/x.sh").text()).isEqualTo("ran\n");
		}
		assertThat(Server.validOptionNames()).containsEntry("cgi_timeout_ms", "30000");
	}

	@Test
	void indexCgiRunsForItsDirectory() throws Exception {
		Path dir = Files.createDirectories(root.resolve("indexed"));
		script(dir.resolve("index.cgi"),
				"#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"index $SCRIPT_NAME\"\n");
		RawHttp.Response r = RawHttp.request(server.port(), "GET", "/indexed/");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo("index /indexed/index.cgi\n");
	}

	@Test
	void clientDisconnectKillsTheScript() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("disconnect"));
		script(dir.resolve("long.cgi"), "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho $$ > long.pid\n"
				+ "echo started\nexec sleep 60\n");
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", dir.toString());
			x.setOption("cgi_timeout_ms", "0"); // never: only the disconnect can stop it
		})) {
			try (Socket socket = new Socket("127.0.0.1", s.port())) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream()
					.write("GET /long.cgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				readUntil(socket.getInputStream(), "started\n");
			}
			long pid = Long.parseLong(Files.readString(dir.resolve("long.pid")).trim());
			waitUntil(() -> !running(pid), 5000);
			assertThat(running(pid)).as("the script of a closed connection is killed").isFalse();
		}
		assertNoChildrenOrZombies();
	}

	@Test
	void largeOutputThroughASmallSendQueue() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("big"));
		script(dir.resolve("big.cgi"), "#!/bin/sh\necho 'Content-Type: application/octet-stream'\necho\n"
				+ "head -c 3000000 /dev/zero | tr '\\0' 'z'\n");
		try (RunningServer s = RunningServer.start(x -> {
			x.setOption("document_root", dir.toString());
			assertThat(x.setOption("send_queue_limit", "65536")).isNull();
		})) {
			try (Socket socket = new Socket("127.0.0.1", s.port())) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream()
					.write("GET /big.cgi HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				Thread.sleep(300); // let the queue fill: the script must wait, not the
									// server drop data
				RawHttp.Response r = readResponse(socket.getInputStream());
				assertThat(r.body()).hasSize(3_000_000);
				assertThat(new String(r.body(), StandardCharsets.ISO_8859_1).replace("z", "")).isEmpty();
			}
		}
	}

	// ---- helpers
	// --------------------------------------------------------------------------------

	/**
	 * No child process of this JVM is left, and none is a zombie (the process table, via
	 * /proc).
	 */
	static void assertNoChildrenOrZombies() throws Exception {
		waitUntil(() -> cgiChildren().isEmpty(), 5000);
		assertThat(cgiChildren()).isEmpty();
		assertThat(zombieChildren()).isEmpty();
	}

	static List<String> cgiChildren() {
		return ProcessHandle.current()
			.children()
			.filter(ProcessHandle::isAlive)
			.map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
			.filter(line -> !line.contains("curl"))
			.collect(Collectors.toList());
	}

	static List<String> zombieChildren() throws IOException {
		long self = ProcessHandle.current().pid();
		try (var dirs = Files.list(Path.of("/proc"))) {
			return dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).map(p -> {
				try {
					String stat = Files.readString(p.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					return (fields[0].equals("Z") && Long.parseLong(fields[1]) == self) ? stat : null;
				}
				catch (IOException | RuntimeException ex) {
					return null;
				}
			}).filter(s -> s != null).collect(Collectors.toList());
		}
	}

	/** Whether a process exists and is not a zombie. */
	static boolean running(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
	}

	static String readUntil(InputStream in, String marker) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(marker)) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			out.write(b);
		}
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	/** Reads one response from a stream with RawHttp's framing rules. */
	static RawHttp.Response readResponse(InputStream in) throws IOException {
		String head = readUntil(in, "\r\n\r\n");
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new HashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equals(headers.get("transfer-encoding"))) {
			while (true) {
				int size = Integer.parseInt(readUntil(in, "\r\n").trim(), 16);
				if (size == 0) {
					readUntil(in, "\r\n");
					break;
				}
				body.write(in.readNBytes(size));
				readUntil(in, "\r\n");
			}
		}
		else if (headers.containsKey("content-length")) {
			body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
		}
		else {
			body.write(in.readAllBytes());
		}
		return new RawHttp.Response(status, headers, body.toByteArray());
	}

}
