package io.mongoose.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import io.mongoose.PasswordsFile;
import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Protects {@code /admin/} with HTTP Digest authentication against
 * {@code sample.data-dir/admin.htpasswd}. On first start the file is created with user
 * {@code admin} and a random password, written to
 * {@code sample.data-dir/admin-password.txt} (readable by the owner only; the log says
 * where, never what); change it with
 * {@code java -jar mongoose-core.jar -A data/admin.htpasswd <realm> admin <password>}.
 */
@Component
class AdminSecurity implements MongooseServerCustomizer {

	static final String USER = "admin";

	static final String PASSWORD_FILE = "admin-password.txt";

	private static final Log logger = LogFactory.getLog(AdminSecurity.class);

	private final Path passwords;

	private final String realm;

	AdminSecurity(SampleProperties properties) throws IOException {
		this.passwords = properties.dataDir().resolve("admin.htpasswd").toAbsolutePath();
		this.realm = properties.adminRealm();
		if (!Files.exists(this.passwords)) {
			Files.createDirectories(this.passwords.getParent());
			byte[] random = new byte[9];
			new SecureRandom().nextBytes(random);
			String password = HexFormat.of().formatHex(random);
			Path passwordFile = writeOwnerOnly(this.passwords.resolveSibling(PASSWORD_FILE), password + "\n");
			PasswordsFile.modify(this.passwords, this.realm, USER, password);
			logger.info("Created " + this.passwords + ": the admin page /admin/ accepts user '" + USER
					+ "' with the password in " + passwordFile + " (readable by you only)");
		}
	}

	/**
	 * Created with owner-only permissions, so the secret is never readable by others, not
	 * even briefly.
	 */
	private static Path writeOwnerOnly(Path file, String text) throws IOException {
		Files.deleteIfExists(file); // a stale copy from an earlier passwords file
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
		}
		return Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	@Override
	public void customize(Server server) {
		server.setAuthHandler(server.digestAuthHandler(this.passwords, this.realm, (uri) -> uri.startsWith("/admin")));
	}

}
