package io.mongoose.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

import io.mongoose.Server;
import io.mongoose.boot.MongooseWebServer;

/**
 * Tests for {@code mongoose.static-files.document-root=classpath:...}.
 */
class ClasspathDocumentRootTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=1s");

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void classpathDocumentRootIsServedFromTheExplodedClasses() {
		this.contextRunner.withPropertyValues("mongoose.static-files.document-root=classpath:mongoose-static-test")
			.run((context) -> {
				int port = context.getBean(MongooseWebServer.class).getPort();
				HttpResponse<String> hello = get(port, "/hello.txt", "Range", "bytes=2-4");
				assertThat(hello.statusCode()).isEqualTo(206);
				assertThat(hello.body()).isEqualTo("cde");
				assertThat(hello.headers().firstValue("Content-Type"))
					.hasValueSatisfying((v) -> assertThat(v).startsWith("text/plain"));
				String etag = hello.headers().firstValue("ETag").orElseThrow();
				assertThat(get(port, "/hello.txt", "If-None-Match", etag).statusCode()).isEqualTo(304);
				HttpResponse<String> index = get(port, "/", "Accept", "*/*");
				assertThat(index.statusCode()).isEqualTo(200);
				assertThat(index.body()).isEqualTo("<h1>classpath index</h1>");
				assertThat(get(port, "/sub/app.css", "Accept", "*/*").headers().firstValue("Content-Type"))
					.hasValueSatisfying((v) -> assertThat(v).startsWith("text/css"));
				assertThat(context.getBean(Server.class).getOption("document_root")).endsWith("mongoose-static-test");
			});
	}

	@Test
	void missingClasspathLocationFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("mongoose.static-files.document-root=classpath:no/such/dir")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mongoose.static-files.document-root")
				.hasMessageContaining("classpath:no/such/dir")
				.hasMessageContaining("not found on the classpath"));
	}

	@Test
	void classpathLocationInsideAJarResolvesToTheZipFileSystem(@TempDir Path tmp) throws Exception {
		Path jar = tmp.resolve("app.jar");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
			zip.putNextEntry(new ZipEntry("web/"));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("web/page.html"));
			zip.write("<p>jarred</p>".getBytes());
			zip.closeEntry();
		}
		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { jar.toUri().toURL() },
				null)) {
			Path root = ClasspathDocumentRoot.resolve("classpath:web", new DefaultResourceLoader(loader));
			assertThat(root.getFileSystem()).isNotEqualTo(FileSystems.getDefault());
			assertThat(Files.readString(root.resolve("page.html"))).isEqualTo("<p>jarred</p>");
			try (FileSystem fs = root.getFileSystem()) {
				assertThat(fs.isOpen()).isTrue();
			}
		}
	}

	private HttpResponse<String> get(int port, String path, String header, String value) throws Exception {
		return this.client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header(header, value).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
