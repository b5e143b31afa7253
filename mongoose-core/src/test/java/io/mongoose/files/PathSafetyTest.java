package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.RunningServer;

/** Traversal attempts never leak a file outside the root, nor a passwords file. */
class PathSafetyTest {

	@TempDir
	static Path tmp;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		Path root = Files.createDirectories(tmp.resolve("root"));
		Path sub = Files.createDirectories(root.resolve("sub"));
		Files.writeString(sub.resolve("ok.txt"), "fine");
		Files.writeString(root.resolve("ok.txt"), "fine");
		Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET outside");
		Path outside = Files.createDirectories(tmp.resolve("outside"));
		Files.writeString(outside.resolve("secret.txt"), "TOPSECRET linked");
		Files.createSymbolicLink(root.resolve("linkdir"), outside);
		Files.createSymbolicLink(root.resolve("linkfile.txt"), outside.resolve("secret.txt"));
		Files.createSymbolicLink(sub.resolve("up"), tmp);
		// a passwords file in a directory that the whole test can see (global file
		// elsewhere)
		Path protectedDir = Files.createDirectories(root.resolve("protected"));
		Files.writeString(protectedDir.resolve(".htpasswd"), "u:mydomain.com:TOPSECRETHASH\n");
		Files.writeString(protectedDir.resolve(".htpasswd.lock"), "");
		server = RunningServer.start(s -> {
			String error = s.setOption("document_root", root.toString());
			if (error != null) {
				throw new IllegalStateException(error);
			}
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/%2E%2E%2Fsecret.txt",
			"/..%2fsecret.txt", "/..\\secret.txt", "/%2e%2e%5csecret.txt", "/sub/../../secret.txt",
			"/sub/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt", "/%c0%ae%c0%ae/secret.txt",
			"/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt", "/%25c0%25ae%25c0%25ae/secret.txt",
			"/ok.txt%00../../secret.txt", "/secret.txt%00", "/%00", "/linkdir/secret.txt", "/linkfile.txt",
			"/sub/up/secret.txt", "/sub/up/", "/linkdir/", "//secret.txt", "/./../secret.txt",
			"/sub/..%5c..%5csecret.txt", "http://x/../secret.txt" })
	void traversalNeverLeaks(String target) throws IOException {
		String raw = rawGet(target);
		assertThat(raw).doesNotContain("TOPSECRET");
		assertThat(raw).matches("(?s)HTTP/1.1 (400|403|404) .*|");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/protected/.htpasswd", "/protected/.HTPASSWD", "/protected/%2ehtpasswd",
			"/protected/.htpasswd.lock", "/protected/./.htpasswd", "/sub/../protected/.htpasswd",
			"/protected//.htpasswd", "/protected\\.htpasswd" })
	void passwordsFilesAreNeverServed(String target) throws IOException {
		String raw = rawGet(target);
		assertThat(raw).doesNotContain("TOPSECRETHASH");
		assertThat(raw).startsWith("HTTP/1.1 404 ");
	}

	@Test
	void controlRequestsStillWork() throws IOException {
		assertThat(rawGet("/sub/ok.txt")).startsWith("HTTP/1.1 200 ").endsWith("fine");
		assertThat(rawGet("/sub/../ok.txt")).startsWith("HTTP/1.1 200 ").endsWith("fine");
		assertThat(rawGet("/%73ub/ok.txt")).startsWith("HTTP/1.1 200 ").endsWith("fine");
	}

	private static String rawGet(String target) throws IOException {
		return server.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	}

}
