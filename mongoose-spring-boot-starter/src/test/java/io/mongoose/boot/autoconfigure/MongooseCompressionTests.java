package io.mongoose.boot.autoconfigure;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.Option;
import io.mongoose.Server;
import io.mongoose.boot.MongooseWebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mongoose.compression.*}, with Boot's {@code server.compression.*} as the
 * fallback, applied to a real server and checked with the JDK client.
 */
class MongooseCompressionTests {

	private static final String PAGE = "<p>compressible paragraph</p>\n".repeat(200);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	@TempDir
	Path root;

	@Test
	void offByDefault() throws Exception {
		Files.writeString(this.root.resolve("page.html"), PAGE);
		this.contextRunner.withPropertyValues("mongoose.static-files.document-root=" + this.root).run((context) -> {
			Server server = context.getBean(Server.class);
			assertThat(server.getOption("compression")).isEqualTo("no");
			assertThat(server.getOption("compression_min_size")).isEqualTo("2048");
			HttpResponse<byte[]> response = get(context.getBean(MongooseWebServer.class).getPort(), "/page.html");
			assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
		});
	}

	@Test
	void defaultsAreTheCoresDefaults() {
		CompressionProperties compression = new CompressionProperties();
		assertThat(String.join(",", compression.getMimeTypes()))
			.isEqualTo(Option.named("compression_mime_types").defaultValue());
		assertThat(compression.getMinResponseSize().toBytes())
			.isEqualTo(Long.parseLong(Option.named("compression_min_size").defaultValue()));
		assertThat(compression.isEnabled()).isFalse();
	}

	@Test
	void typedPropertiesAreApplied() throws Exception {
		Files.writeString(this.root.resolve("page.html"), PAGE);
		this.contextRunner
			.withPropertyValues("mongoose.static-files.document-root=" + this.root, "mongoose.compression.enabled=true",
					"mongoose.compression.mime-types=text/html,text/css", "mongoose.compression.min-response-size=1KB")
			.run((context) -> {
				Server server = context.getBean(Server.class);
				assertThat(server.getOption("compression")).isEqualTo("yes");
				assertThat(server.getOption("compression_mime_types")).isEqualTo("text/html,text/css");
				assertThat(server.getOption("compression_min_size")).isEqualTo("1024");
				HttpResponse<byte[]> response = get(context.getBean(MongooseWebServer.class).getPort(), "/page.html");
				assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
				assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
				assertThat(gunzip(response.body())).isEqualTo(PAGE);
			});
	}

	@Test
	void bootsServerCompressionIsTheFallback() {
		this.contextRunner
			.withPropertyValues("server.compression.enabled=true",
					"server.compression.mime-types=text/html,image/svg+xml", "server.compression.min-response-size=4KB")
			.run((context) -> {
				Server server = context.getBean(Server.class);
				assertThat(server.getOption("compression")).isEqualTo("yes");
				assertThat(server.getOption("compression_mime_types")).isEqualTo("text/html,image/svg+xml");
				assertThat(server.getOption("compression_min_size")).isEqualTo("4096");
			});
	}

	@Test
	void mongoosePropertiesWinOverBoots() {
		this.contextRunner
			.withPropertyValues("server.compression.enabled=true", "server.compression.min-response-size=4KB",
					"mongoose.compression.enabled=false", "mongoose.compression.min-response-size=100B")
			.run((context) -> {
				Server server = context.getBean(Server.class);
				assertThat(server.getOption("compression")).isEqualTo("no");
				assertThat(server.getOption("compression_min_size")).isEqualTo("100");
			});
	}

	private static HttpResponse<byte[]> get(int port, String path) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept-Encoding", "gzip")
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] body) throws Exception {
		return new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(), StandardCharsets.UTF_8);
	}

}
