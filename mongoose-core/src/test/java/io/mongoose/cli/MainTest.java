package io.mongoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	@Test
	void unknownOptionIsAClearErrorWithExitCode2() {
		int code = run("-listening_port", "0", "-no_such_option", "1");
		assertThat(code).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown option: no_such_option").contains("Usage:");
	}

	@Test
	void badValueIsAClearErrorWithExitCode1() {
		int code = run("-listening_port", "127.0.0.1:0", "-idle_timeout_ms", "soon");
		assertThat(code).isEqualTo(1);
		assertThat(this.err.toString()).contains("cannot set idle_timeout_ms to 'soon'");
	}

	@Test
	void missingDocumentRootIsRefused() {
		assertThat(run("-listening_port", "127.0.0.1:0", "-document_root", this.dir.resolve("nope").toString()))
			.isEqualTo(1);
		assertThat(this.err.toString()).contains("not a directory");
	}

	@Test
	void configFileThenCommandLineAndOneStartLineWithTheRealPort() throws Exception {
		Path config = this.dir.resolve("mongoose.conf");
		Files.writeString(config, "# comment\nlistening_port 127.0.0.1:1\nidle_timeout_ms 1234\n");
		AtomicBoolean stop = new AtomicBoolean();
		CompletableFuture<Integer> exit = CompletableFuture
			.supplyAsync(() -> Main.run(
					new String[] { config.toString(), "-listening_port", "127.0.0.1:0", "-document_root",
							this.dir.toString() },
					new PrintStream(this.out, true), new PrintStream(this.err, true), stop));
		String line = awaitLine();
		Matcher m = Pattern.compile("serving (.+) on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
		assertThat(m.find()).as(line).isTrue();
		assertThat(m.group(1)).isEqualTo(this.dir.toAbsolutePath().toString());
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(2) + "/x")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		stop.set(true);
		assertThat(exit.get()).isZero();
	}

	@Test
	void dashAEditsAPasswordsFile() throws Exception {
		Path file = this.dir.resolve(".htpasswd");
		assertThat(run("-A", file.toString(), "a", "b", "c")).isZero();
		assertThat(run("-A", file.toString(), "a", "b", "d")).isZero();
		assertThat(Files.readAllLines(file)).containsExactly("b:a:" + io.mongoose.PasswordsFile.ha1("b", "a", "d"));
	}

	private int run(String... args) {
		return Main.run(args, new PrintStream(this.out, true), new PrintStream(this.err, true),
				new AtomicBoolean(true));
	}

	private String awaitLine() throws InterruptedException {
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			String text = this.out.toString(StandardCharsets.UTF_8);
			if (text.contains("\n")) {
				return text;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no start line; stderr: " + this.err);
	}

}
