package io.mongoose.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import io.mongoose.PasswordsFile;
import io.mongoose.Server;
import io.mongoose.auth.DigestAuth;
import io.mongoose.boot.MongooseServerCustomizer;

/**
 * Protects {@code /admin/} with HTTP Digest authentication against
 * {@code sample.data-dir/admin.htpasswd}. On first start the file is created with user
 * {@code admin} and a random password, printed once in the log; change it with
 * {@code java -jar mongoose-core.jar -A data/admin.htpasswd <realm> admin <password>}.
 */
@Component
class AdminSecurity implements MongooseServerCustomizer {

	static final String USER = "admin";

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
			PasswordsFile.modify(this.passwords, this.realm, USER, password);
			logger.info("Created " + this.passwords + ": the admin page /admin/ accepts user '" + USER
					+ "' with password '" + password + "' (printed only this once)");
		}
	}

	@Override
	public void customize(Server server) {
		server.setAuthHandler(DigestAuth.forFile(this.passwords, this.realm, (uri) -> uri.startsWith("/admin")));
	}

}
