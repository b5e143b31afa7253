package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.test.RawHttp;

/**
 * {@code Server.setDocumentRoot} with a directory inside a jar, read through the zip file
 * system.
 */
class ZipDocumentRootTest {

	static final String TEXT = "abcdefghijklmnopq";

	@TempDir
	static Path tmp;

	static byte[] binary;

	static FileSystem jar;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		binary = new byte[300 * 1024]; // larger than the adapter's buffer and than one
										// socket write
		new Random(7).nextBytes(binary);
		Path file = tmp.resolve("app.jar");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			entry(zip, "BOOT-INF/classes/static/index.html", "<h1>from the jar</h1>".getBytes(StandardCharsets.UTF_8));
			entry(zip, "BOOT-INF/classes/static/hello.txt", TEXT.getBytes(StandardCharsets.UTF_8));
			entry(zip, "BOOT-INF/classes/static/app.css", "body{}".getBytes(StandardCharsets.UTF_8));
			entry(zip, "BOOT-INF/classes/static/big.bin", binary);
			entry(zip, "BOOT-INF/classes/static/sub/.htpasswd", "x".getBytes(StandardCharsets.UTF_8));
			entry(zip, "BOOT-INF/classes/secret.txt", "outside the root".getBytes(StandardCharsets.UTF_8));
		}
		jar = FileSystems.newFileSystem(file);
		CompletableFuture<String> result = new CompletableFuture<>();
		server = RunningServer.start((s) -> {
			result.complete(s.setDocumentRoot(jar.getPath("/BOOT-INF/classes/static")));
		});
		assertThat(result.get(5, TimeUnit.SECONDS)).isNull();
	}

	private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(data);
		zip.closeEntry();
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
		jar.close();
	}

	private static RawHttp.Response get(String path, String... headers) throws IOException {
		return RawHttp.request(server.port(), "GET", path, headers);
	}

	@Test
	void servesAFileWithItsMimeTypeAndValidators() throws IOException {
		RawHttp.Response r = get("/hello.txt");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo(TEXT);
		assertThat(r.header("Content-Type")).startsWith("text/plain");
		assertThat(r.header("ETag")).matches("\"[0-9a-f]+\\.17\"");
		assertThat(r.header("Last-Modified")).isNotNull();
		assertThat(get("/app.css").header("Content-Type")).startsWith("text/css");
	}

	@Test
	void servesTheIndexFileOfTheRoot() throws IOException {
		RawHttp.Response r = get("/");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.text()).isEqualTo("<h1>from the jar</h1>");
		assertThat(r.header("Content-Type")).startsWith("text/html");
	}

	@Test
	void answersConditionalRequestsWith304() throws IOException {
		String etag = get("/hello.txt").header("ETag");
		assertThat(get("/hello.txt", "If-None-Match: " + etag).status()).isEqualTo(304);
	}

	@Test
	void servesRanges() throws IOException {
		RawHttp.Response r = get("/hello.txt", "Range: bytes=2-4");
		assertThat(r.status()).isEqualTo(206);
		assertThat(r.text()).isEqualTo("cde");
		assertThat(r.header("Content-Range")).isEqualTo("bytes 2-4/17");
		RawHttp.Response suffix = get("/hello.txt", "Range: bytes=-3");
		assertThat(suffix.text()).isEqualTo("opq");
		RawHttp.Response multi = get("/big.bin", "Range: bytes=0-1,200000-200009");
		assertThat(multi.status()).isEqualTo(206);
		assertThat(multi.header("Content-Type")).startsWith("multipart/byteranges");
		assertThat(get("/hello.txt", "Range: bytes=99-").status()).isEqualTo(416);
	}

	@Test
	void servesALargeFileWhole() throws IOException {
		RawHttp.Response r = get("/big.bin");
		assertThat(r.status()).isEqualTo(200);
		assertThat(Arrays.equals(r.body(), binary)).isTrue();
		RawHttp.Response tail = get("/big.bin", "Range: bytes=100000-");
		assertThat(Arrays.equals(tail.body(), Arrays.copyOfRange(binary, 100000, binary.length))).isTrue();
	}

	@Test
	void staysInsideTheRoot() throws IOException {
		assertThat(get("/../secret.txt").status()).isIn(400, 403, 404);
		assertThat(get("/%2e%2e/secret.txt").status()).isIn(400, 403, 404);
		assertThat(get("/sub/.htpasswd").status()).isEqualTo(404);
		assertThat(get("/missing.txt").status()).isEqualTo(404);
	}

	@Test
	void reportsTheRootAsAUri() {
		assertThat(server.server().getOption("document_root")).startsWith("jar:file:")
			.endsWith("/BOOT-INF/classes/static");
	}

	@Test
	void refusesAMissingDirectory() {
		io.mongoose.Server fresh = io.mongoose.Server.create(null); // not polled yet:
																	// this thread may
																	// configure it
		try {
			assertThat(fresh.setDocumentRoot(jar.getPath("/nope"))).contains("is not a directory");
			assertThat(fresh.getOption("document_root")).isEmpty();
		}
		finally {
			fresh.destroy();
		}
	}

}
