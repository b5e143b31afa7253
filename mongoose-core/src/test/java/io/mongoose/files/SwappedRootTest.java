package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;

/**
 * A document root that is a symlink re-pointed by a deploy: the resolved root is cached,
 * yet the new release is served and a link out of it is still refused.
 */
class SwappedRootTest {

	@TempDir
	Path tmp;

	@Test
	void rootSymlinkSwappedWhileServing() throws Exception {
		Path first = Files.createDirectories(this.tmp.resolve("release-1"));
		Path second = Files.createDirectories(this.tmp.resolve("release-2"));
		Files.writeString(first.resolve("version.txt"), "one");
		Files.writeString(second.resolve("version.txt"), "two");
		Files.writeString(this.tmp.resolve("secret.txt"), "TOPSECRET");
		Files.createSymbolicLink(second.resolve("escape.txt"), this.tmp.resolve("secret.txt"));
		Path current = Files.createSymbolicLink(this.tmp.resolve("current"), first);
		try (RunningServer server = RunningServer
			.start(s -> StaticFilesTest.set(s, "document_root", current.toString()))) {
			assertThat(server.get("/version.txt").body()).isEqualTo("one");

			Path next = Files.createSymbolicLink(this.tmp.resolve("current.new"), second);
			Files.move(next, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

			assertThat(server.get("/version.txt").body()).isEqualTo("two");
			var escape = server.get("/escape.txt");
			assertThat(escape.statusCode()).isIn(403, 404);
			assertThat(escape.body()).doesNotContain("TOPSECRET");
		}
	}

}
