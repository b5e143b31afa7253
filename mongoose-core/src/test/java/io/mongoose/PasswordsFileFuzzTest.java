package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code .htpasswd} line handling through {@link PasswordsFile#lookup}. Input: the first
 * line is {@code user:realm} to look up, the rest the file content.
 */
class PasswordsFileFuzzTest {

	private static Path file;

	private static synchronized Path file() {
		if (file == null) {
			try {
				file = Files.createTempFile("htpasswd-fuzz", ".txt");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			file.toFile().deleteOnExit();
		}
		return file;
	}

	@FuzzTest(maxDuration = "60s")
	void lookup(byte[] data) throws IOException {
		int nl = 0;
		while (nl < data.length && data[nl] != '\n') {
			nl++;
		}
		String query = new String(data, 0, nl, StandardCharsets.UTF_8);
		int colon = query.indexOf(':');
		String user = colon < 0 ? query : query.substring(0, colon);
		String realm = colon < 0 ? "" : query.substring(colon + 1);
		int off = Math.min(nl + 1, data.length);
		Path f = file();
		Files.write(f, java.util.Arrays.copyOfRange(data, off, data.length));
		Optional<String> ha1 = PasswordsFile.lookup(f, user, realm);
		assertThat(ha1).isEqualTo(reference(data, off, user, realm));
		ha1.ifPresent(h -> assertThat(h).isNotEmpty().doesNotContain(":", "\n", "\r"));
	}

	private static Optional<String> reference(byte[] data, int off, String user, String realm) {
		// decoded leniently: a bad byte spoils only its own line
		String content = new String(data, off, data.length - off, StandardCharsets.UTF_8);
		for (String line : content.split("\r\n|\r|\n", -1)) {
			String[] f = line.split(":", -1);
			if (f.length == 3 && !f[0].isEmpty() && !f[1].isEmpty() && !f[2].isEmpty() && f[0].equals(user)
					&& f[1].equals(realm)) {
				return Optional.of(f[2]);
			}
		}
		return Optional.empty();
	}

}
