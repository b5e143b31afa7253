package io.mongoose.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for tests, made by the JDK's keytool (SAN IP:127.0.0.1, so the
 * JDK clients verify the host without tricks) and exported to PEM in every key format the
 * server reads.
 */
public final class TestCertificates {

	private static final char[] PASSWORD = "changeit".toCharArray();

	/** A generated key pair with its self-signed certificate. */
	public record Generated(PrivateKey key, X509Certificate certificate) {

		/** Certificate then PKCS#8 key ({@code BEGIN PRIVATE KEY}). */
		public String pkcs8Pem() {
			return certificatePem() + pem("PRIVATE KEY", this.key.getEncoded());
		}

		/**
		 * Certificate then the traditional key: PKCS#1 for RSA, SEC1 (with the curve) for
		 * EC.
		 */
		public String traditionalPem() {
			if (this.key.getAlgorithm().equals("RSA")) {
				return certificatePem() + pem("RSA PRIVATE KEY", pkcs1(this.key.getEncoded()));
			}
			return certificatePem() + "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
					+ pem("EC PRIVATE KEY", sec1(this.key.getEncoded()));
		}

		public String certificatePem() {
			try {
				return pem("CERTIFICATE", this.certificate.getEncoded());
			}
			catch (java.security.cert.CertificateEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** A client context trusting only this certificate. */
		public SSLContext clientContext() {
			return trusting(this.certificate);
		}

		public Path write(Path file, String pem) throws IOException {
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file;
		}

	}

	private TestCertificates() {
	}

	/** Runs keytool: {@code keyalg} is RSA (2048) or EC (secp256r1). */
	public static Generated generate(Path dir, String alias, String keyalg) throws Exception {
		return generate(dir, alias, keyalg, "san=ip:127.0.0.1,dns:localhost");
	}

	/** A self-signed certificate authority (EC), for {@link #signedBy}. */
	public static Generated generateCa(Path dir, String alias) throws Exception {
		return generate(dir, alias, "EC", "bc:c");
	}

	/**
	 * A new EC key ({@code CN=alias}) whose certificate {@code caAlias} (from
	 * {@link #generateCa}) signed.
	 */
	public static Generated signedBy(Path dir, String alias, String caAlias) throws Exception {
		Generated own = generate(dir, alias, "EC", "san=dns:localhost");
		Path request = dir.resolve(alias + ".csr");
		Path signed = dir.resolve(alias + ".crt");
		keytool("-certreq", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(), "-storepass",
				new String(PASSWORD), "-file", request.toString());
		keytool("-gencert", "-alias", caAlias, "-keystore", dir.resolve(caAlias + ".p12").toString(), "-storepass",
				new String(PASSWORD), "-infile", request.toString(), "-outfile", signed.toString(), "-validity", "2");
		try (InputStream in = Files.newInputStream(signed)) {
			return new Generated(own.key(), (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
				.generateCertificate(in));
		}
	}

	/**
	 * A client context that presents {@code client}'s key and certificate and trusts
	 * {@code trusted}.
	 */
	public static SSLContext presenting(Generated client, X509Certificate... trusted) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", client.key(), PASSWORD, new X509Certificate[] { client.certificate() });
			javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory
				.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, PASSWORD);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			KeyStore anchors = KeyStore.getInstance("PKCS12");
			anchors.load(null, null);
			for (int i = 0; i < trusted.length; i++) {
				anchors.setCertificateEntry("trusted" + i, trusted[i]);
			}
			trust.init(anchors);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(factory.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Generated generate(Path dir, String alias, String keyalg, String extension) throws Exception {
		Path store = dir.resolve(alias + ".p12");
		List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", keyalg, "-dname",
				"CN=" + alias, "-ext", extension, "-validity", "2", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
		command.addAll(keyalg.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
		keytool(command.toArray(String[]::new));
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keyStore.load(in, PASSWORD);
		}
		return new Generated((PrivateKey) keyStore.getKey(alias, PASSWORD),
				(X509Certificate) keyStore.getCertificate(alias));
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	public static SSLContext trusting(X509Certificate... certificates) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			for (int i = 0; i < certificates.length; i++) {
				trust.setCertificateEntry("trusted" + i, certificates[i]);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	// ---- a tiny DER walk to turn PKCS#8 into PKCS#1 / SEC1
	// ----------------------------------------

	/** [tag, valueStart, valueEnd] of the element at {@code at}. */
	private static int[] element(byte[] der, int at) {
		int tag = der[at] & 0xff;
		int length = der[at + 1] & 0xff;
		int pos = at + 2;
		if (length > 0x80) {
			int n = length & 0x7f;
			length = 0;
			for (int i = 0; i < n; i++) {
				length = (length << 8) | (der[pos++] & 0xff);
			}
		}
		return new int[] { tag, pos, pos + length };
	}

	/** The three fields of PrivateKeyInfo: version, algorithm, key octets. */
	private static int[][] privateKeyInfo(byte[] pkcs8) {
		int[] outer = element(pkcs8, 0);
		int[] version = element(pkcs8, outer[1]);
		int[] algorithm = element(pkcs8, version[2]);
		int[] key = element(pkcs8, algorithm[2]);
		return new int[][] { version, algorithm, key };
	}

	/** The PKCS#1 RSAPrivateKey inside a PKCS#8 key. */
	public static byte[] pkcs1(byte[] pkcs8) {
		int[] key = privateKeyInfo(pkcs8)[2];
		return java.util.Arrays.copyOfRange(pkcs8, key[1], key[2]);
	}

	/**
	 * SEC1 ECPrivateKey with {@code [0] namedCurve} added (the JDK's PKCS#8 omits it).
	 */
	public static byte[] sec1(byte[] pkcs8) {
		int[][] fields = privateKeyInfo(pkcs8);
		int[] algorithm = fields[1];
		int[] ecOid = element(pkcs8, algorithm[1]);
		int[] curve = element(pkcs8, ecOid[2]);
		byte[] curveOid = java.util.Arrays.copyOfRange(pkcs8, ecOid[2], curve[2]);
		int[] key = fields[2];
		int[] sec1 = element(pkcs8, key[1]);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int[] version = element(pkcs8, sec1[1]);
		int[] octets = element(pkcs8, version[2]);
		body.write(pkcs8, sec1[1], octets[2] - sec1[1]); // version and private key
		body.write(0xa0);
		body.write(curveOid.length);
		body.writeBytes(curveOid);
		if (octets[2] < sec1[2]) {
			// keep a [1] public key if there is one
			int[] next = element(pkcs8, octets[2]);
			if (next[0] == 0xa1) {
				body.write(pkcs8, octets[2], next[2] - octets[2]);
			}
		}
		byte[] content = body.toByteArray();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x30);
		if (content.length >= 0x80) {
			out.write(0x81);
		}
		out.write(content.length);
		out.writeBytes(content);
		return out.toByteArray();
	}

}
