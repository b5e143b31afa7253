package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.http.HttpDate;
import io.mongoose.test.RawHttp;

/** Static files over real sockets, with a temporary document root. */
class StaticFilesTest {

	static final String TEXT = "abcdefghijklmnopq"; // 17 bytes, as the Perl suite's file

	@TempDir
	static Path tmp;

	static Path root;

	static byte[] binary;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		root = Files.createDirectories(tmp.resolve("root"));
		Files.writeString(root.resolve("hello.txt"), TEXT);
		binary = new byte[123 * 1024];
		new Random(42).nextBytes(binary);
		Files.write(root.resolve("binary.bin"), binary);
		for (String name : new String[] { "a.html", "a.htm", "a.txt", "a.xyzzy", "a.js", "a.css", "a.jpg", "a.c",
				"a.bar", "a.baz", "a.tar.gz", "a.gz", "A.PNG", "a.json", "a.svg", "a.woff2", "a.wasm", "a.webp",
				"a.avif", "a.md", "a.mp4", "a.mp3", "a.latin" }) {
			Files.writeString(root.resolve(name), "x");
		}
		Path dir = Files.createDirectories(root.resolve("dir"));
		Files.writeString(dir.resolve("index.html"), "<p>index</p>");
		Files.writeString(dir.resolve("index.htm"), "second choice");
		Path list = Files.createDirectories(root.resolve("list"));
		long now = System.currentTimeMillis();
		writeEntry(list.resolve("a.txt"), 200, now - 300_000);
		writeEntry(list.resolve("b.txt"), 300, now - 100_000);
		writeEntry(list.resolve("c.txt"), 100, now - 200_000);
		writeEntry(list.resolve("big.dat"), 1536, now - 400_000);
		Files.createDirectories(list.resolve("sub"));
		Files.writeString(list.resolve("secret.txt"), "hidden by pattern");
		Files.writeString(list.resolve("<b>&\"x'.txt"), "odd name");
		Files.writeString(list.resolve("sp ace.txt"), "space");
		Path outside = Files.createDirectories(tmp.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "TOPSECRET");
		Files.createSymbolicLink(root.resolve("linkdir"), outside);
		Files.createSymbolicLink(root.resolve("linkfile.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
		Path gz = Files.createDirectories(root.resolve("gz"));
		Files.writeString(gz.resolve("page.html"), "plain page");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.resolve("page.html.gz")))) {
			out.write("plain page".getBytes(StandardCharsets.UTF_8));
		}
		Files.createDirectories(root.resolve("empty"));
		Files.write(root.resolve("zero.txt"), new byte[0]);
		server = RunningServer.start(s -> {
			set(s, "document_root", root.toString());
			set(s, "hide_files_patterns", "**secret*");
			set(s, "extra_mime_types", ".bar=foo/bar,.tar.gz=blah,.baz=foo,.latin=text/plain; charset=iso-8859-1");
		});
	}

	static void set(Server s, String name, String value) {
		String error = s.setOption(name, value);
		if (error != null) {
			throw new IllegalStateException(error);
		}
	}

	private static void writeEntry(Path path, int size, long mtime) throws IOException {
		Files.write(path, new byte[size]);
		Files.setLastModifiedTime(path, FileTime.fromMillis(mtime));
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	static RawHttp.Response get(String target, String... headers) throws IOException {
		return RawHttp.request(server.port(), "GET", target, headers);
	}

	// ---- content
	// -----------------------------------------------------------------------------

	@Test
	void textFileContentAndLength() throws IOException {
		RawHttp.Response r = get("/hello.txt");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Length")).isEqualTo("17");
		assertThat(r.text()).isEqualTo(TEXT);
		assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
		assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
		assertThat(HttpDate.parse(r.header("Date"))).isPositive();
		assertThat(HttpDate.parse(r.header("Last-Modified"))).isPositive();
		assertThat(r.header("ETag")).matches("\"[0-9a-f]+\\.17\"");
	}

	@Test
	void binaryFileIsIntact() throws Exception {
		HttpResponse<byte[]> r = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/binary.bin"))).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo(binary);
	}

	@Test
	void emptyFile() throws IOException {
		RawHttp.Response r = get("/zero.txt");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Length")).isEqualTo("0");
	}

	@Test
	void symlinkInsideTheRootIsServed() throws IOException {
		assertThat(get("/inside.txt").text()).isEqualTo(TEXT);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/a.html|text/html; charset=utf-8", "/a.htm|text/html; charset=utf-8",
					"/a.txt|text/plain; charset=utf-8", "/a.xyzzy|text/plain; charset=utf-8",
					"/a.js|text/javascript; charset=utf-8", "/a.css|text/css; charset=utf-8", "/a.jpg|image/jpeg",
					"/a.c|text/plain; charset=utf-8", "/a.bar|foo/bar", "/a.baz|foo", "/a.tar.gz|blah",
					"/a.gz|application/gzip", "/A.PNG|image/png", "/a.json|application/json", "/a.svg|image/svg+xml",
					"/a.woff2|font/woff2", "/a.wasm|application/wasm", "/a.webp|image/webp", "/a.avif|image/avif",
					"/a.md|text/markdown; charset=utf-8", "/a.mp4|video/mp4", "/a.mp3|audio/mpeg",
					"/a.latin|text/plain; charset=iso-8859-1" })
	void mimeTypes(String path, String type) throws IOException {
		RawHttp.Response r = get(path);
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Type")).isEqualTo(type);
	}

	@Test
	void keepAliveAfterFileRepliesAndPipelining() throws IOException {
		try (RawHttp http = new RawHttp(server.port())) {
			assertThat(http.send("GET", "/hello.txt").text()).isEqualTo(TEXT);
			assertThat(http.send("HEAD", "/hello.txt").header("Content-Length")).isEqualTo("17");
			assertThat(http.send("GET", "/nope.txt").status()).isEqualTo(404);
			http.sendRaw("GET /binary.bin HTTP/1.1\r\nHost: x\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(http.read(false).body()).isEqualTo(binary);
			assertThat(http.read(false).text()).isEqualTo(TEXT);
			RawHttp.Response last = http.send("GET", "/hello.txt", "Connection: close");
			assertThat(last.header("Connection")).isEqualTo("close");
			assertThat(http.closedByServer()).isTrue();
		}
	}

	@Test
	void headSendsHeadersOnly() throws IOException {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("HEAD", "/binary.bin");
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(binary.length));
			// the next reply follows immediately: no body bytes were sent for the HEAD
			assertThat(http.send("GET", "/hello.txt").text()).isEqualTo(TEXT);
		}
	}

	@Test
	void optionsAnswersWithAllow() throws IOException {
		RawHttp.Response r = RawHttp.request(server.port(), "OPTIONS", "/hello.txt");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Allow")).contains("GET", "HEAD", "OPTIONS");
		assertThat(RawHttp.request(server.port(), "OPTIONS", "*").header("Allow")).contains("GET");
	}

	@Test
	void allowListsExactlyTheMethodsAFileTakes() throws IOException {
		for (String method : new String[] { "POST", "PATCH", "BREW" }) {
			RawHttp.Response r = RawHttp.request(server.port(), method, "/hello.txt", "Content-Length: 0");
			assertThat(r.status()).as(method).isEqualTo(405);
			assertThat(r.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
			for (String allowed : r.header("Allow").split(", ")) {
				assertThat(RawHttp.request(server.port(), allowed, "/hello.txt").status()).as(allowed).isEqualTo(200);
			}
		}
		assertThat(RawHttp.request(server.port(), "OPTIONS", "/hello.txt").header("Allow"))
			.isEqualTo("GET, HEAD, OPTIONS");
	}

	@Test
	void otherMethodsOnFilesAre405() throws IOException {
		RawHttp.Response r = RawHttp.request(server.port(), "PATCH", "/hello.txt");
		assertThat(r.status()).isEqualTo(405);
		assertThat(r.header("Allow")).contains("GET");
		assertThat(root.resolve("hello.txt")).exists();
		// WebDAV methods without dav_auth_file: always refused with a challenge, as in
		// the original
		assertThat(RawHttp.request(server.port(), "DELETE", "/hello.txt").status()).isEqualTo(401);
		assertThat(root.resolve("hello.txt")).exists();
	}

	@Test
	void missingFileIs404() throws IOException {
		assertThat(get("/no/such/file.txt").status()).isEqualTo(404);
	}

	// ---- directories
	// ---------------------------------------------------------------------------

	@Test
	void indexFileSubstitutionInOrder() throws IOException {
		RawHttp.Response r = get("/dir/");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo("<p>index</p>");
		assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
	}

	@Test
	void directoryWithoutSlashRedirects() throws IOException {
		RawHttp.Response r = get("/dir?x=1");
		assertThat(r.status()).isEqualTo(301);
		assertThat(r.header("Location")).isEqualTo("/dir/");
		assertThat(get("/sp%20dir").status()).isEqualTo(404);
	}

	@Test
	void listingShowsEntriesEscaped() throws IOException {
		RawHttp.Response r = get("/list/");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
		String html = r.text();
		assertThat(html).contains("Index of /list/", "Modified", ">a.txt<", "[DIRECTORY]", ">sub/<", "1.5k");
		assertThat(html).contains("&lt;b&gt;&amp;&quot;x&#39;.txt").doesNotContain("<b>&");
		assertThat(html).contains("href=\"/list/%3Cb%3E%26%22x%27.txt\"", "href=\"/list/sp%20ace.txt\"");
		assertThat(html).contains("href=\"?nd\"", "href=\"?d\"", "href=\"?s\"");
		assertThat(get("/list/sp%20ace.txt").text()).isEqualTo("space");
	}

	@ParameterizedTest
	@CsvSource({ "n,a.txt b.txt c.txt", "nd,c.txt b.txt a.txt", "s,c.txt a.txt b.txt", "sd,b.txt a.txt c.txt",
			"d,a.txt c.txt b.txt", "dd,b.txt c.txt a.txt" })
	void listingSortOrders(String query, String expected) throws IOException {
		String html = get("/list/?" + query).text();
		String[] names = expected.split(" ");
		int sub = html.indexOf(">sub/<");
		int previous = sub;
		assertThat(sub).isPositive();
		for (String name : names) {
			int at = html.indexOf(">" + name + "<");
			assertThat(at).as(name + " after the previous entry and after the directory").isGreaterThan(previous);
			previous = at;
		}
	}

	@Test
	void listingCanBeDisabled() throws Exception {
		try (RunningServer s = RunningServer.start(x -> {
			set(x, "document_root", root.toString());
			set(x, "enable_directory_listing", "no");
		})) {
			assertThat(RawHttp.request(s.port(), "GET", "/list/").status()).isEqualTo(403);
			assertThat(RawHttp.request(s.port(), "GET", "/dir/").status()).isEqualTo(200);
		}
	}

	@Test
	void hiddenFilesAreNotListedNorServed() throws IOException {
		assertThat(get("/list/").text()).doesNotContain("secret");
		assertThat(get("/list/secret.txt").status()).isEqualTo(404);
		assertThat(get("/list/SECRET.TXT").status()).isEqualTo(404);
	}

	// ---- conditional requests
	// --------------------------------------------------------------------

	@Test
	void etagAndIfModifiedSince() throws IOException {
		RawHttp.Response first = get("/hello.txt");
		String etag = first.header("ETag");
		String lastModified = first.header("Last-Modified");
		RawHttp.Response r = get("/hello.txt", "If-None-Match: " + etag);
		assertThat(r.status()).isEqualTo(304);
		assertThat(r.header("ETag")).isEqualTo(etag);
		assertThat(get("/hello.txt", "If-None-Match: \"zzz\", " + etag).status()).isEqualTo(304);
		assertThat(get("/hello.txt", "If-None-Match: W/" + etag).status()).isEqualTo(304);
		assertThat(get("/hello.txt", "If-None-Match: *").status()).isEqualTo(304);
		assertThat(get("/hello.txt", "If-None-Match: \"other\"").status()).isEqualTo(200);
		assertThat(get("/hello.txt", "If-Modified-Since: " + lastModified).status()).isEqualTo(304);
		long older = HttpDate.parse(lastModified) - 10_000;
		assertThat(get("/hello.txt", "If-Modified-Since: " + HttpDate.format(older)).status()).isEqualTo(200);
		// If-None-Match wins over If-Modified-Since
		assertThat(get("/hello.txt", "If-None-Match: \"other\"", "If-Modified-Since: " + lastModified).status())
			.isEqualTo(200);
		try (RawHttp http = new RawHttp(server.port())) { // 304 keeps the connection
			assertThat(http.send("GET", "/hello.txt", "If-None-Match: " + etag).status()).isEqualTo(304);
			assertThat(http.send("GET", "/hello.txt").text()).isEqualTo(TEXT);
		}
	}

	// ---- ranges
	// ----------------------------------------------------------------------------------

	@ParameterizedTest
	@CsvSource({ "bytes=3-5,def,bytes 3-5/17", "bytes=3-,defghijklmnopq,bytes 3-16/17", "bytes=-5,mnopq,bytes 12-16/17",
			"bytes=3-50,defghijklmnopq,bytes 3-16/17", "bytes=0-0,a,bytes 0-0/17", "bytes=16-16,q,bytes 16-16/17",
			"bytes=-50,abcdefghijklmnopq,bytes 0-16/17" })
	void singleRanges(String range, String body, String contentRange) throws IOException {
		RawHttp.Response r = get("/hello.txt", "Range: " + range);
		assertThat(r.status()).isEqualTo(206);
		assertThat(r.text()).isEqualTo(body);
		assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
		assertThat(r.header("Content-Range")).isEqualTo(contentRange);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=17-", "bytes=20-30", "bytes=-0" })
	void unsatisfiableRangesAre416(String range) throws IOException {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response r = http.send("GET", "/hello.txt", "Range: " + range);
			assertThat(r.status()).isEqualTo(416);
			assertThat(r.header("Content-Range")).isEqualTo("bytes */17");
			assertThat(http.send("GET", "/hello.txt").text()).isEqualTo(TEXT);
		}
	}

	@Test
	void invalidRangeIsIgnored() throws IOException {
		RawHttp.Response r = get("/hello.txt", "Range: bytes=5-3");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo(TEXT);
	}

	@Test
	void multipleRangesAsMultipartByteranges() throws IOException {
		RawHttp.Response r = get("/hello.txt", "Range: bytes=0-1,5-6,-2");
		assertThat(r.status()).isEqualTo(206);
		String type = r.header("Content-Type");
		assertThat(type).startsWith("multipart/byteranges; boundary=");
		String boundary = type.substring(type.indexOf('=') + 1);
		String expected = "--" + boundary
				+ "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/17\r\n\r\nab\r\n" + "--"
				+ boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 5-6/17\r\n\r\nfg\r\n"
				+ "--" + boundary
				+ "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 15-16/17\r\n\r\npq\r\n" + "--"
				+ boundary + "--\r\n";
		assertThat(r.text()).isEqualTo(expected);
		assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(expected.length()));
	}

	@Test
	void ifRangeWithAnOldValidatorSendsTheWholeFile() throws IOException {
		String etag = get("/hello.txt").header("ETag");
		assertThat(get("/hello.txt", "Range: bytes=3-5", "If-Range: " + etag).status()).isEqualTo(206);
		RawHttp.Response r = get("/hello.txt", "Range: bytes=3-5", "If-Range: \"old\"");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo(TEXT);
	}

	// ---- precompressed sidecars
	// ------------------------------------------------------------------

	@Test
	void gzipSidecarWhenAccepted() throws IOException {
		RawHttp.Response gz = get("/gz/page.html", "Accept-Encoding: br, gzip");
		assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(gz.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
		assertThat(gz.header("Vary")).isEqualTo("Accept-Encoding");
		assertThat(new String(
				new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body())).readAllBytes(),
				StandardCharsets.UTF_8))
			.isEqualTo("plain page");
		RawHttp.Response plain = get("/gz/page.html");
		assertThat(plain.header("Content-Encoding")).isNull();
		assertThat(plain.header("Vary")).isEqualTo("Accept-Encoding");
		assertThat(plain.text()).isEqualTo("plain page");
		assertThat(plain.header("ETag")).isNotEqualTo(gz.header("ETag"));
		assertThat(get("/gz/page.html", "Accept-Encoding: gzip;q=0").header("Content-Encoding")).isNull();
	}

	@Test
	void fileWithoutSidecarIsSentAsIsEvenToGzipClients() throws IOException {
		RawHttp.Response r = get("/hello.txt", "Accept-Encoding: gzip");
		assertThat(r.header("Content-Encoding")).isNull();
		assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
		assertThat(r.text()).isEqualTo(TEXT);
		RawHttp.Response gzFile = get("/gz/page.html.gz");
		assertThat(gzFile.status()).isEqualTo(200);
		assertThat(gzFile.header("Vary")).isNull();
		assertThat(gzFile.header("Content-Encoding")).isNull();
	}

	// ---- zero-copy and back-pressure
	// -------------------------------------------------------------

	@Test
	void largeFileIsStreamedNotBufferedInTheSendQueue() throws Exception {
		byte[] big = new byte[6 * 1024 * 1024 + 7];
		new Random(7).nextBytes(big);
		Path file = Files.write(root.resolve("big.bin"), big);
		try (RunningServer s = RunningServer.start(x -> {
			set(x, "document_root", root.toString());
			set(x, "send_queue_limit", "4096"); // far smaller than the file: it cannot go
												// through the queue
		}); Socket socket = new Socket()) {
			socket.setReceiveBufferSize(16 * 1024);
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", s.port()));
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			var in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				head.append((char) in.read());
			}
			assertThat(head.toString()).contains("Content-Length: " + big.length);
			byte[] first = in.readNBytes(64 * 1024);
			Thread.sleep(300); // a slow reader: the server must wait, not buffer the rest
			long[] queued = new long[1];
			s.server()
				.iterateOverConnections(c -> queued[0] = ((io.mongoose.http.HttpConnection) c).net().queuedBytes())
				.get();
			assertThat(queued[0]).isLessThanOrEqualTo(4096);
			byte[] rest = in.readNBytes(big.length - first.length);
			byte[] all = new byte[big.length];
			System.arraycopy(first, 0, all, 0, first.length);
			System.arraycopy(rest, 0, all, first.length, rest.length);
			assertThat(all).isEqualTo(big);
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void largeFileArrivesIntact() throws Exception {
		byte[] big = new byte[3 * 1024 * 1024 + 1];
		new Random(9).nextBytes(big);
		Path file = Files.write(root.resolve("big2.bin"), big);
		try {
			HttpResponse<byte[]> r = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(server.url("/big2.bin")))
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(r.body()).isEqualTo(big);
		}
		finally {
			Files.delete(file);
		}
	}

	// ---- rewrites
	// ---------------------------------------------------------------------------------

	@Test
	void urlRewritesAliasAndErrorRedirect() throws Exception {
		Path aliased = Files.createDirectories(tmp.resolve("aliased"));
		Files.writeString(aliased.resolve("f.txt"), "from alias");
		try (RunningServer s = RunningServer.start(x -> {
			set(x, "document_root", root.toString());
			set(x, "url_rewrites", "/alias=" + aliased + ",404=/notfound.html");
		})) {
			assertThat(RawHttp.request(s.port(), "GET", "/alias/f.txt").text()).isEqualTo("from alias");
			assertThat(RawHttp.request(s.port(), "GET", "/alias/").text()).contains("Index of /alias/", "f.txt");
			assertThat(RawHttp.request(s.port(), "GET", "/aliasf.txt").status()).isEqualTo(302);
			RawHttp.Response r = RawHttp.request(s.port(), "GET", "/missing%20x");
			assertThat(r.status()).isEqualTo(302);
			assertThat(r.header("Location")).isEqualTo("/notfound.html?code=404&orig_uri=/missing%20x");
			assertThat(RawHttp.request(s.port(), "GET", "/hello.txt").text()).isEqualTo(TEXT);
		}
		assertThat(Server.create(null).setOption("url_rewrites", "nonsense")).isNotNull();
	}

	@Test
	void withoutDocumentRootEverythingIs404() throws Exception {
		try (RunningServer s = RunningServer.start(x -> {
		})) {
			assertThat(RawHttp.request(s.port(), "GET", "/hello.txt").status()).isEqualTo(404);
		}
	}

}
