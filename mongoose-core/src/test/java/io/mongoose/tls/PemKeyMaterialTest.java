package io.mongoose.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Server;
import io.mongoose.test.TestCertificates;

/**
 * Reading ssl_certificate PEM files with the JDK only, and the errors setOption reports.
 */
class PemKeyMaterialTest {

	@TempDir
	static Path dir;

	static TestCertificates.Generated rsa;

	static TestCertificates.Generated ec;

	@BeforeAll
	static void generate() throws Exception {
		rsa = TestCertificates.generate(dir, "rsa", "RSA");
		ec = TestCertificates.generate(dir, "ec", "EC");
	}

	@Test
	void readsPkcs8RsaKey() {
		PemKeyMaterial material = PemKeyMaterial.parse(rsa.pkcs8Pem());
		assertThat(material.privateKey().getAlgorithm()).isEqualTo("RSA");
		assertThat(material.privateKey().getEncoded()).isEqualTo(rsa.key().getEncoded());
		assertThat(material.chain()).containsExactly(rsa.certificate());
	}

	@Test
	void readsPkcs1RsaKey() {
		assertThat(rsa.traditionalPem()).contains("BEGIN RSA PRIVATE KEY");
		PemKeyMaterial material = PemKeyMaterial.parse(rsa.traditionalPem());
		assertThat(material.privateKey().getEncoded()).isEqualTo(rsa.key().getEncoded());
	}

	@Test
	void readsPkcs8EcKey() {
		PemKeyMaterial material = PemKeyMaterial.parse(ec.pkcs8Pem());
		assertThat(material.privateKey().getAlgorithm()).isEqualTo("EC");
		assertThat(material.chain()).containsExactly(ec.certificate());
	}

	@Test
	void readsSec1EcKeyWithItsCurve() {
		assertThat(ec.traditionalPem()).contains("BEGIN EC PRIVATE KEY");
		PemKeyMaterial material = PemKeyMaterial.parse(ec.traditionalPem());
		assertThat(((java.security.interfaces.ECPrivateKey) material.privateKey()).getS())
			.isEqualTo(((java.security.interfaces.ECPrivateKey) ec.key()).getS());
	}

	@Test
	void keyBeforeCertificateAndAChainAreFine() {
		String pem = TestCertificates.pem("PRIVATE KEY", rsa.key().getEncoded()) + rsa.certificatePem()
				+ ec.certificatePem();
		PemKeyMaterial material = PemKeyMaterial.parse(pem);
		assertThat(material.chain()).containsExactly(rsa.certificate(), ec.certificate());
	}

	@Test
	void setOptionNamesTheFileAndTheProblem() throws Exception {
		Server server = Server.create(null);
		try {
			Path missing = dir.resolve("missing.pem");
			assertThat(server.setOption("ssl_certificate", missing.toString()))
				.isEqualTo("ssl_certificate " + missing + ": file not found");

			Path certOnly = rsa.write(dir.resolve("cert-only.pem"), rsa.certificatePem());
			assertThat(server.setOption("ssl_certificate", certOnly.toString()))
				.isEqualTo("ssl_certificate " + certOnly + ": no private key found");

			Path keyOnly = rsa.write(dir.resolve("key-only.pem"),
					TestCertificates.pem("PRIVATE KEY", rsa.key().getEncoded()));
			assertThat(server.setOption("ssl_certificate", keyOnly.toString()))
				.isEqualTo("ssl_certificate " + keyOnly + ": no certificate found");

			Path badCert = rsa.write(dir.resolve("bad-cert.pem"),
					TestCertificates.pem("CERTIFICATE", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })
							+ TestCertificates.pem("PRIVATE KEY", rsa.key().getEncoded()));
			assertThat(server.setOption("ssl_certificate", badCert.toString()))
				.startsWith("ssl_certificate " + badCert + ": cannot read certificate: ");

			Path badKey = rsa.write(dir.resolve("bad-key.pem"),
					rsa.certificatePem() + TestCertificates.pem("PRIVATE KEY", new byte[] { 1, 2, 3, 4, 5 }));
			assertThat(server.setOption("ssl_certificate", badKey.toString()))
				.startsWith("ssl_certificate " + badKey + ": cannot read PKCS#8 private key: ");

			Path mismatch = rsa.write(dir.resolve("mismatch.pem"),
					rsa.certificatePem() + TestCertificates.pem("PRIVATE KEY", ec.key().getEncoded()));
			assertThat(server.setOption("ssl_certificate", mismatch.toString()))
				.startsWith("ssl_certificate " + mismatch + ": the private key does not match the first certificate");

			Path encrypted = rsa.write(dir.resolve("encrypted.pem"),
					rsa.certificatePem() + TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] { 0x30, 0x00 }));
			assertThat(server.setOption("ssl_certificate", encrypted.toString()))
				.startsWith("ssl_certificate " + encrypted + ": the private key is encrypted");

			Path empty = rsa.write(dir.resolve("empty.pem"), "hello\n");
			assertThat(server.setOption("ssl_certificate", empty.toString()))
				.startsWith("ssl_certificate " + empty + ": no PEM block found");

			Path badBase64 = rsa.write(dir.resolve("base64.pem"),
					"-----BEGIN CERTIFICATE-----\nQQ=Q\n-----END CERTIFICATE-----\n");
			assertThat(server.setOption("ssl_certificate", badBase64.toString()))
				.startsWith("ssl_certificate " + badBase64 + ": bad base64 in the CERTIFICATE block");

			// nothing was taken: a TLS port still needs a certificate
			assertThat(server.getOption("ssl_certificate")).isEmpty();
			assertThat(server.setOption("listening_port", "127.0.0.1:0s"))
				.contains("needs ssl_certificate to be set first");

			Path good = rsa.write(dir.resolve("good.pem"), rsa.pkcs8Pem());
			assertThat(server.setOption("ssl_certificate", good.toString())).isNull();
			assertThat(server.getOption("ssl_certificate")).isEqualTo(good.toString());
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void sec1KeyWithoutCurveIsRefusedClearly() {
		byte[] sec1 = TestCertificates.sec1(ec.key().getEncoded());
		// drop the [0] curve: rebuild SEQUENCE { version, privateKey }
		int versionAndKey = 3 + 2 + (sec1[6] & 0xff);
		byte[] bare = new byte[2 + versionAndKey];
		bare[0] = 0x30;
		bare[1] = (byte) versionAndKey;
		System.arraycopy(sec1, 2, bare, 2, versionAndKey);
		assertThatThrownBy(
				() -> PemKeyMaterial.parse(ec.certificatePem() + TestCertificates.pem("EC PRIVATE KEY", bare)))
			.hasMessage("cannot read SEC1 EC private key: it does not name its curve");
	}

	@Test
	void unreadableDirectoryIsAnError() throws Exception {
		Path directory = Files.createDirectories(dir.resolve("adir"));
		assertThatThrownBy(() -> PemKeyMaterial.load(directory))
			.hasMessageStartingWith("ssl_certificate " + directory + ": cannot read the file");
	}

}
