package io.mongoose.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sample started as in production with Spring AOT,
 * {@code java -Dspring.aot.enabled=true -jar sample-app.jar}: it serves the same pages
 * and APIs. The child process announces its ephemeral port on its start-up line, the one
 * channel it has to tell it.
 */
class AotJarIT {

	private static final Pattern STARTED = Pattern.compile("Mongoose started on port (\\d+) \\(http\\)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void aotProcessedJarServesPagesAndApis(@TempDir Path data) throws Exception {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("run 'mvn verify': the jar is built in the package phase").exists();
		assertThat(Files.exists(
				Paths.get("target/classes/io/mongoose/sample/SampleApplication__ApplicationContextInitializer.class")))
			.as("process-aot generated the context initializer")
			.isTrue();
		Process app = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1",
				"--sample.data-dir=" + data, "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.start();
		try {
			int port = port(app).get(120, TimeUnit.SECONDS);
			HttpResponse<String> index = get(port, "/");
			assertThat(index.statusCode()).isEqualTo(200);
			assertThat(index.body()).contains("<html");
			assertThat(get(port, "/app.js").statusCode()).isEqualTo(200);
			HttpResponse<String> messages = get(port, "/api/messages");
			assertThat(messages.statusCode()).isEqualTo(200);
			assertThat(messages.body()).startsWith("[");
			HttpResponse<String> health = get(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	/** Reads the child's output until its start-up line; fails if it ends first. */
	private static CompletableFuture<Integer> port(Process app) {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			StringBuilder output = new StringBuilder();
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					output.append(line).append('\n');
					Matcher started = STARTED.matcher(line);
					if (started.find()) {
						port.complete(Integer.parseInt(started.group(1)));
					}
				}
			}
			catch (Exception ex) {
				port.completeExceptionally(ex);
			}
			port.completeExceptionally(new AssertionError("the application ended before it started:\n" + output));
		}, "aot-app-output");
		reader.setDaemon(true);
		reader.start();
		return port;
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
