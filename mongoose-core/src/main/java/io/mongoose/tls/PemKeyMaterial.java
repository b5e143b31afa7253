package io.mongoose.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from one PEM file, with the JDK only.
 * <p>
 * Accepted blocks: {@code CERTIFICATE} (the server's own first, then its chain),
 * {@code PRIVATE KEY} (PKCS#8: RSA, EC, EdDSA, RSASSA-PSS), {@code RSA PRIVATE KEY}
 * (PKCS#1) and {@code EC PRIVATE KEY} (SEC1, named curve); {@code EC PARAMETERS} blocks
 * are ignored. Errors name the file and the problem, for example
 * {@code "ssl_certificate /etc/x.pem: no private key found"}.
 */
public record PemKeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

	/** rsaEncryption 1.2.840.113549.1.1.1, as DER. */
	private static final byte[] RSA_OID = { 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
			0x01, 0x01 };

	/** id-ecPublicKey 1.2.840.10045.2.1, as DER. */
	private static final byte[] EC_OID = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01 };

	private static final String[] KEY_ALGORITHMS = { "RSA", "EC", "EdDSA", "RSASSA-PSS" };

	public PemKeyMaterial {
		chain = List.copyOf(chain);
	}

	/**
	 * Reads {@code file}.
	 * @throws IllegalArgumentException with a message starting
	 * {@code "ssl_certificate <file>: "}
	 */
	public static PemKeyMaterial load(Path file) {
		String prefix = "ssl_certificate " + file + ": ";
		String text = read(file, prefix);
		try {
			return parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(prefix + ex.getMessage(), ex.getCause());
		}
	}

	/**
	 * The file's text; a missing or unreadable file is an
	 * {@code IllegalArgumentException} led by {@code prefix}.
	 */
	private static String read(Path file, String prefix) {
		try {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException(prefix + "file not found");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(prefix + "cannot read the file: " + ex.getMessage());
		}
	}

	/**
	 * Reads the CA certificates of {@code ssl_ca_file}: one or more CERTIFICATE blocks,
	 * nothing else.
	 * @throws IllegalArgumentException with a message starting
	 * {@code "ssl_ca_file <file>: "}
	 */
	public static List<X509Certificate> loadCertificates(Path file) {
		return loadCertificates(file, "ssl_ca_file");
	}

	/**
	 * Reads certificates as {@link #loadCertificates(Path)} does; messages start with
	 * {@code what} and the file.
	 */
	public static List<X509Certificate> loadCertificates(Path file, String what) {
		String prefix = what + " " + file + ": ";
		String text = read(file, prefix);
		List<X509Certificate> certificates = new ArrayList<>();
		Matcher m = BLOCK.matcher(text);
		try {
			while (m.find()) {
				String type = m.group(1);
				if (!type.equals("CERTIFICATE") && !type.equals("TRUSTED CERTIFICATE")) {
					throw new IllegalArgumentException(
							"unexpected PEM block '" + type + "' (only certificates belong here)");
				}
				certificates.add(certificate(base64(type, m.group(2))));
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(prefix + ex.getMessage(), ex.getCause());
		}
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException(prefix + "no certificate found (expected -----BEGIN CERTIFICATE-----)");
		}
		return List.copyOf(certificates);
	}

	/**
	 * Parses PEM text.
	 * @throws IllegalArgumentException naming the problem
	 */
	public static PemKeyMaterial parse(String pem) {
		List<X509Certificate> chain = new ArrayList<>();
		PrivateKey key = null;
		Matcher m = BLOCK.matcher(pem);
		boolean any = false;
		while (m.find()) {
			any = true;
			String type = m.group(1);
			byte[] der = base64(type, m.group(2));
			switch (type) {
				case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> chain.add(certificate(der));
				case "PRIVATE KEY" -> key = single(key, pkcs8(der, "PKCS#8 private key"));
				case "RSA PRIVATE KEY" ->
					key = single(key, pkcs8(wrap(RSA_OID, new byte[] { 0x05, 0x00 }, der), "PKCS#1 RSA private key"));
				case "EC PRIVATE KEY" ->
					key = single(key, pkcs8(wrap(EC_OID, sec1Curve(der), der), "SEC1 EC private key"));
				case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
						"the private key is encrypted; store it unencrypted (for example openssl pkcs8 -nocrypt)");
				case "EC PARAMETERS" -> {
					// openssl's curve name block: the key carries the curve as well
				}
				default -> throw new IllegalArgumentException("unexpected PEM block '" + type + "'");
			}
		}
		if (!any) {
			throw new IllegalArgumentException(
					"no PEM block found (expected -----BEGIN CERTIFICATE----- and a private key)");
		}
		if (key == null) {
			throw new IllegalArgumentException("no private key found");
		}
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("no certificate found");
		}
		if (!matches(key, chain.get(0).getPublicKey())) {
			throw new IllegalArgumentException("the private key does not match the first certificate ("
					+ chain.get(0).getSubjectX500Principal().getName() + ")");
		}
		return new PemKeyMaterial(key, chain);
	}

	private static PrivateKey single(PrivateKey previous, PrivateKey key) {
		if (previous != null) {
			throw new IllegalArgumentException("more than one private key");
		}
		return key;
	}

	private static byte[] base64(String type, String body) {
		try {
			return Base64.getMimeDecoder().decode(body.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("bad base64 in the " + type + " block: " + ex.getMessage());
		}
	}

	private static X509Certificate certificate(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException | RuntimeException ex) {
			throw new IllegalArgumentException("cannot read certificate: " + reason(ex), ex);
		}
	}

	private static PrivateKey pkcs8(byte[] der, String what) {
		GeneralSecurityException last = null;
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				last = ex;
			}
			catch (RuntimeException ex) {
				last = new GeneralSecurityException(ex);
			}
		}
		throw new IllegalArgumentException("cannot read " + what + ": " + reason(last), last);
	}

	private static String reason(Exception ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getMessage() == null) {
			t = t.getCause();
		}
		return (t.getMessage() != null) ? t.getMessage() : t.toString();
	}

	/**
	 * PrivateKeyInfo ::= SEQUENCE { 0, AlgorithmIdentifier { oid, parameters }, OCTET
	 * STRING key }.
	 */
	static byte[] wrap(byte[] algorithmOid, byte[] parameters, byte[] key) {
		byte[] version = { 0x02, 0x01, 0x00 };
		byte[] algorithm = tlv(0x30, concat(algorithmOid, parameters));
		return tlv(0x30, concat(version, algorithm, tlv(0x04, key)));
	}

	/**
	 * The named curve of a SEC1 {@code ECPrivateKey ::= SEQUENCE { version, OCTET STRING,
	 * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}, as a DER OID.
	 */
	static byte[] sec1Curve(byte[] der) {
		Der outer = new Der(der, 0);
		if (outer.tag != 0x30) {
			throw new IllegalArgumentException("cannot read SEC1 EC private key: not a DER sequence");
		}
		int at = outer.start;
		while (at < outer.end) {
			Der field = new Der(der, at);
			if (field.tag == 0xa0) {
				Der oid = new Der(der, field.start);
				if (oid.tag != 0x06) {
					throw new IllegalArgumentException(
							"cannot read SEC1 EC private key: explicit curve parameters are not supported");
				}
				return java.util.Arrays.copyOfRange(der, field.start, oid.end);
			}
			at = field.end;
		}
		throw new IllegalArgumentException("cannot read SEC1 EC private key: it does not name its curve");
	}

	/** One DER element: its tag and where its value starts and ends. */
	private static final class Der {

		final int tag;

		final int start;

		final int end;

		Der(byte[] der, int at) {
			if (at + 2 > der.length) {
				throw new IllegalArgumentException("cannot read key: truncated DER");
			}
			this.tag = der[at] & 0xff;
			int length = der[at + 1] & 0xff;
			int pos = at + 2;
			if (length > 0x80) {
				int bytes = length & 0x7f;
				if (bytes > 3 || pos + bytes > der.length) {
					throw new IllegalArgumentException("cannot read key: bad DER length");
				}
				length = 0;
				for (int i = 0; i < bytes; i++) {
					length = (length << 8) | (der[pos++] & 0xff);
				}
			}
			else if (length == 0x80) {
				throw new IllegalArgumentException("cannot read key: indefinite DER length");
			}
			if (pos + length > der.length) {
				throw new IllegalArgumentException("cannot read key: truncated DER");
			}
			this.start = pos;
			this.end = pos + length;
		}

	}

	private static byte[] tlv(int tag, byte[] value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
		out.write(tag);
		int n = value.length;
		if (n < 0x80) {
			out.write(n);
		}
		else if (n < 0x100) {
			out.write(0x81);
			out.write(n);
		}
		else if (n < 0x10000) {
			out.write(0x82);
			out.write(n >> 8);
			out.write(n);
		}
		else {
			out.write(0x83);
			out.write(n >> 16);
			out.write(n >> 8);
			out.write(n);
		}
		out.writeBytes(value);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Signs with the key and verifies with the certificate's public key. */
	private static boolean matches(PrivateKey key, PublicKey certificateKey) {
		String algorithm = switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "EdDSA", "Ed25519", "Ed448" -> certificateKey.getAlgorithm();
			default -> null;
		};
		if (algorithm == null) {
			return true; // nothing cheap to compare with; the handshake will tell
		}
		if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())
				&& !(algorithm.equals(certificateKey.getAlgorithm()))) {
			return false;
		}
		try {
			byte[] probe = new byte[32];
			new SecureRandom().nextBytes(probe);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificateKey);
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

}
