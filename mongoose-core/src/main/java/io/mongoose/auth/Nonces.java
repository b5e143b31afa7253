package io.mongoose.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces for Digest authentication, bound to their issue time and verified without any
 * server-side state: {@code <issue millis hex>.<HMAC-SHA256(secret, issue millis) base64url>}.
 * A nonce that this server did not issue is invalid; an authentic one older than the lifetime
 * is stale (the client then retries with the new nonce, without asking the user again).
 */
public final class Nonces {

	/** Default nonce lifetime: five minutes. */
	public static final long DEFAULT_LIFETIME_MILLIS = 5 * 60_000;

	/** The outcome of checking a nonce. */
	public enum Check { VALID, STALE, INVALID }

	/** Made at first use: a server without authentication never loads the security providers. */
	private SecretKeySpec key;

	private final long lifetimeMillis;

	public Nonces() {
		this(DEFAULT_LIFETIME_MILLIS);
	}

	public Nonces(long lifetimeMillis) {
		this.lifetimeMillis = lifetimeMillis;
	}

	private synchronized SecretKeySpec key() {
		if (this.key == null) {
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			this.key = new SecretKeySpec(secret, "HmacSHA256");
		}
		return this.key;
	}

	/** A fresh nonce issued now. */
	public String issue() {
		return issue(System.currentTimeMillis());
	}

	/** A nonce as if issued at {@code epochMillis} (tests of staleness). */
	public String issue(long epochMillis) {
		return Long.toHexString(epochMillis) + "." + mac(epochMillis);
	}

	public Check check(String nonce) {
		return check(nonce, System.currentTimeMillis());
	}

	public Check check(String nonce, long nowMillis) {
		if (nonce == null) {
			return Check.INVALID;
		}
		int dot = nonce.indexOf('.');
		if (dot <= 0 || dot > 16) {
			return Check.INVALID;
		}
		long issued;
		try {
			issued = Long.parseUnsignedLong(nonce.substring(0, dot), 16);
		}
		catch (NumberFormatException ex) {
			return Check.INVALID;
		}
		byte[] expected = mac(issued).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] given = nonce.substring(dot + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return Check.INVALID;
		}
		long age = nowMillis - issued;
		return (age < -60_000 || age > this.lifetimeMillis) ? Check.STALE : Check.VALID;
	}

	private String mac(long epochMillis) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			byte[] digest = mac.doFinal(ByteBuffer.allocate(8).putLong(epochMillis).array());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every JDK", ex);
		}
	}
}
