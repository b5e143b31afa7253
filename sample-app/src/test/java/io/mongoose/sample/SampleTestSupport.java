package io.mongoose.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mongoose.PasswordsFile;
import io.mongoose.boot.test.LocalMongoosePort;

/**
 * The application on a random port ({@code mongoose.listening-port=0}) with a fresh data
 * directory under {@code target/} holding a known admin password; shared by the test
 * classes (one cached context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "mongoose.listening-port=127.0.0.1:0", "mongoose.limits.max-body-size=256KB",
				"sample.upload.max-file-size=64KB", "spring.lifecycle.timeout-per-shutdown-phase=1s" })
abstract class SampleTestSupport {

	static final Path DATA = Path.of("target", "test-data").toAbsolutePath();

	static final String ADMIN_PASSWORD = "s3cret-for-tests";

	static final String REALM = "mongoose-sample";

	@LocalMongoosePort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("sample.data-dir", () -> prepare().toString());
	}

	private static boolean prepared;

	/**
	 * Empties the data directory once per test JVM, then writes the admin passwords file.
	 */
	private static synchronized Path prepare() {
		try {
			if (!prepared) {
				prepared = true;
				if (Files.exists(DATA)) {
					try (Stream<Path> files = Files.walk(DATA)) {
						files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
					}
				}
				Files.createDirectories(DATA);
				PasswordsFile.modify(DATA.resolve("admin.htpasswd"), REALM, "admin", ADMIN_PASSWORD);
			}
			return DATA;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
