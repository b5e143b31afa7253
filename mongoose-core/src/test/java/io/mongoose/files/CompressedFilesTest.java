package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.test.RawHttp;

/**
 * Static files with {@code compression=yes}: compressed as they are sent when there is no
 * {@code .gz} sidecar (chunked, a buffer at a time, so a file larger than the send queue
 * streams through it), identity and zero-copy otherwise, never for a {@code Range}, and
 * validators that tell the two variants apart.
 */
class CompressedFilesTest {

	@TempDir
	static Path root;

	static String page;

	static String big;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		page = "<p>a paragraph of a page</p>\n".repeat(200);
		Files.writeString(root.resolve("page.html"), page);
		StringBuilder text = new StringBuilder();
		for (int i = 0; text.length() < 3_000_000; i++) {
			text.append("line ").append(i).append(" of a large log file, ").append(i * 7919 % 10007).append('\n');
		}
		big = text.toString();
		Files.writeString(root.resolve("big.log"), big);
		Files.writeString(root.resolve("app.js"), "console.log('x');\n".repeat(300));
		Files.writeString(root.resolve("tiny.css"), "p { margin: 0 }\n");
		Files.write(root.resolve("photo.png"), new byte[5000]);
		Files.writeString(root.resolve("side.txt"), "the identity text ".repeat(200));
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("side.txt.gz")))) {
			out.write("the sidecar".getBytes(StandardCharsets.UTF_8));
		}
		server = RunningServer.start((s) -> {
			StaticFilesTest.set(s, "document_root", root.toString());
			StaticFilesTest.set(s, "compression", "yes");
			StaticFilesTest.set(s, "extra_mime_types", ".log=text/plain; charset=utf-8");
			// smaller than big.log: the file must stream through the queue, not into it
			StaticFilesTest.set(s, "send_queue_limit", "262144");
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void fileWithoutSidecarIsGzippedAsItStreams() throws Exception {
		RawHttp.Response r = get("/page.html", "Accept-Encoding: gzip, deflate");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(r.header("Content-Length")).isNull();
		assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
		assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
		assertThat(gunzip(r.body())).isEqualTo(page);
		RawHttp.Response identity = get("/page.html");
		assertThat(identity.header("Content-Encoding")).isNull();
		assertThat(identity.header("Content-Length")).isEqualTo(Integer.toString(page.length()));
		assertThat(identity.header("Vary")).isEqualTo("Accept-Encoding");
		assertThat(identity.text()).isEqualTo(page);
		assertThat(r.header("ETag")).isNotEqualTo(identity.header("ETag")).endsWith("-gzip\"");
	}

	@Test
	void largeFileStreamsThroughASmallSendQueue() throws Exception {
		HttpResponse<byte[]> r = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/big.log")))
				.header("Accept-Encoding", "gzip")
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
		assertThat(r.body().length).isLessThan(big.length() / 3);
		assertThat(gunzip(r.body())).isEqualTo(big);
		// the connection is in step after the last chunk
		try (RawHttp http = new RawHttp(server.port())) {
			assertThat(gunzip(http.send("GET", "/big.log", "Accept-Encoding: gzip").body())).isEqualTo(big);
			assertThat(http.send("GET", "/page.html").text()).isEqualTo(page);
		}
	}

	@Test
	void deflateWhenOnlyDeflateIsTaken() throws Exception {
		RawHttp.Response r = get("/app.js", "Accept-Encoding: deflate");
		assertThat(r.header("Content-Encoding")).isEqualTo("deflate");
		assertThat(r.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
		assertThat(r.header("ETag")).endsWith("-deflate\"");
		assertThat(new String(new java.util.zip.InflaterInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
				StandardCharsets.UTF_8))
			.isEqualTo("console.log('x');\n".repeat(300));
	}

	@Test
	void rangeRequestsGetIdentityRanges() throws Exception {
		RawHttp.Response r = get("/page.html", "Accept-Encoding: gzip", "Range: bytes=0-9");
		assertThat(r.status()).isEqualTo(206);
		assertThat(r.header("Content-Encoding")).isNull();
		assertThat(r.text()).isEqualTo(page.substring(0, 10));
	}

	@Test
	void headReportsTheCodingWithoutABody() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response get = http.send("GET", "/page.html", "Accept-Encoding: gzip");
			RawHttp.Response head = http.send("HEAD", "/page.html", "Accept-Encoding: gzip");
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
			assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
			assertThat(head.header("Vary")).isEqualTo("Accept-Encoding");
			assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
			assertThat(head.header("Content-Length")).isNull();
			// nothing followed the head: the next reply is read in step
			assertThat(http.send("GET", "/page.html").text()).isEqualTo(page);
		}
	}

	@Test
	void conditionalRequestOfTheCompressedVariant() throws Exception {
		String etag = get("/page.html", "Accept-Encoding: gzip").header("ETag");
		RawHttp.Response notModified = get("/page.html", "Accept-Encoding: gzip", "If-None-Match: " + etag);
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.header("Vary")).isEqualTo("Accept-Encoding");
		// the identity variant does not match the compressed one's tag
		assertThat(get("/page.html", "If-None-Match: " + etag).status()).isEqualTo(200);
	}

	@Test
	void sidecarIsStillPreferred() throws Exception {
		RawHttp.Response r = get("/side.txt", "Accept-Encoding: gzip");
		assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(r.header("Content-Length")).isNotNull();
		assertThat(gunzip(r.body())).isEqualTo("the sidecar");
	}

	@Test
	void smallFilesAndOtherTypesStayIdentity() throws Exception {
		RawHttp.Response tiny = get("/tiny.css", "Accept-Encoding: gzip");
		assertThat(tiny.header("Content-Encoding")).isNull();
		assertThat(tiny.text()).isEqualTo("p { margin: 0 }\n");
		RawHttp.Response png = get("/photo.png", "Accept-Encoding: gzip");
		assertThat(png.header("Content-Encoding")).isNull();
		assertThat(png.header("Content-Length")).isEqualTo("5000");
	}

	@Test
	void curlDecompressesAFile() throws Exception {
		Path out = root.resolve("curl-out.txt");
		Process curl = new ProcessBuilder("curl", "-s", "--compressed", "-o", out.toString(), "-w",
				"%{http_code} %{size_download}", server.url("/big.log"))
			.redirectErrorStream(true)
			.start();
		String result = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor()).isZero();
		String[] parts = result.split(" ");
		assertThat(parts[0]).isEqualTo("200");
		assertThat(Long.parseLong(parts[1])).as("bytes on the wire").isLessThan(big.length() / 3);
		assertThat(Files.readString(out)).isEqualTo(big);
	}

	private static RawHttp.Response get(String target, String... headers) throws IOException {
		return RawHttp.request(server.port(), "GET", target, headers);
	}

	private static String gunzip(byte[] body) throws IOException {
		return new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(), StandardCharsets.UTF_8);
	}

}
