package io.mongoose.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces for Digest authentication:
 * {@code <issue millis hex>.<serial hex>.<HMAC-SHA256(secret, issue millis, serial) base64url>}.
 * Issuing keeps no state: a nonce this server did not issue is invalid, and an authentic
 * one older than the lifetime is stale (the client then retries with the new nonce,
 * without asking the user again).
 * <p>
 * Using one does keep state (RFC 7616 §3.3): the last nonce count ({@code nc}) of every
 * nonce that came with valid credentials is remembered until the nonce expires, and a
 * count that is not higher than the last one (a replayed request) makes the nonce stale.
 * Only nonces used with valid credentials enter the table, and it holds at most
 * {@code maxTracked} of them: when it is full the one first used longest ago is
 * forgotten, and every nonce issued up to then counts as stale on its next use, so
 * forgetting never reopens a replay. Thread-safe.
 */
public final class Nonces {

	/** Default nonce lifetime: one minute. */
	public static final long DEFAULT_LIFETIME_MILLIS = 60_000;

	/** Default bound of the nonce-count table. */
	public static final int DEFAULT_MAX_TRACKED = 10_000;

	/**
	 * How far a nonce's issue time may lie ahead of the clock (the clock stepped back).
	 */
	private static final long CLOCK_SKEW_MILLIS = 60_000;

	/** The outcome of checking a nonce. */
	public enum Check {

		VALID, STALE, INVALID

	}

	/**
	 * Made at first use: a server without authentication never loads the security
	 * providers.
	 */
	private SecretKeySpec key;

	private final long lifetimeMillis;

	private final int maxTracked;

	private final AtomicLong serials = new AtomicLong();

	/** nonce → {issue millis, last nc}, in order of first use. */
	private final LinkedHashMap<String, long[]> used = new LinkedHashMap<>();

	/**
	 * Nonces issued at or before this time and not in {@link #used} were forgotten:
	 * stale.
	 */
	private long forgottenUpTo = Long.MIN_VALUE;

	public Nonces() {
		this(DEFAULT_LIFETIME_MILLIS);
	}

	public Nonces(long lifetimeMillis) {
		this(lifetimeMillis, DEFAULT_MAX_TRACKED);
	}

	public Nonces(long lifetimeMillis, int maxTracked) {
		if (lifetimeMillis <= 0 || maxTracked <= 0) {
			throw new IllegalArgumentException("nonce lifetime and table size must be positive");
		}
		this.lifetimeMillis = lifetimeMillis;
		this.maxTracked = maxTracked;
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
		long serial = this.serials.incrementAndGet();
		return Long.toHexString(epochMillis) + "." + Long.toHexString(serial) + "." + mac(epochMillis, serial);
	}

	public Check check(String nonce) {
		return check(nonce, System.currentTimeMillis());
	}

	/**
	 * Whether this server issued {@code nonce}, and whether it is still fresh; changes
	 * nothing.
	 */
	public Check check(String nonce, long nowMillis) {
		long issued = issuedAt(nonce);
		if (issued == -1) {
			return Check.INVALID;
		}
		long age = nowMillis - issued;
		return (age < -CLOCK_SKEW_MILLIS || age > this.lifetimeMillis) ? Check.STALE : Check.VALID;
	}

	public boolean use(String nonce, long nc) {
		return use(nonce, nc, System.currentTimeMillis());
	}

	/**
	 * Records a request that came with {@code nonce} (authentic and fresh, see
	 * {@link #check}) and valid credentials.
	 * @return false if {@code nc} is not higher than the last count seen with this nonce,
	 * or the nonce was forgotten: the request is a replay, answer it as stale
	 */
	public synchronized boolean use(String nonce, long nc, long nowMillis) {
		forgetExpired(nowMillis);
		long[] entry = this.used.get(nonce);
		if (entry == null) {
			long issued = issuedAt(nonce);
			if (issued == -1 || issued <= this.forgottenUpTo) {
				return false;
			}
			if (this.used.size() >= this.maxTracked) {
				Iterator<long[]> oldest = this.used.values().iterator();
				this.forgottenUpTo = Math.max(this.forgottenUpTo, oldest.next()[0]);
				oldest.remove();
			}
			this.used.put(nonce, new long[] { issued, nc });
			return true;
		}
		if (Long.compareUnsigned(nc, entry[1]) <= 0) {
			return false;
		}
		entry[1] = nc;
		return true;
	}

	/** Nonces tracked now (tests). */
	synchronized int tracked() {
		return this.used.size();
	}

	/** Drops expired nonces from the front: they are stale whatever their count. */
	private void forgetExpired(long nowMillis) {
		Iterator<Map.Entry<String, long[]>> it = this.used.entrySet().iterator();
		while (it.hasNext() && nowMillis - it.next().getValue()[0] > this.lifetimeMillis) {
			it.remove();
		}
	}

	/** The issue time of a nonce this server issued, else -1. */
	private long issuedAt(String nonce) {
		if (nonce == null) {
			return -1;
		}
		int dot = nonce.indexOf('.');
		int dot2 = nonce.indexOf('.', dot + 1);
		if (dot <= 0 || dot > 16 || dot2 <= dot + 1 || dot2 - dot > 17) {
			return -1;
		}
		long issued;
		long serial;
		try {
			issued = Long.parseUnsignedLong(nonce, 0, dot, 16);
			serial = Long.parseUnsignedLong(nonce, dot + 1, dot2, 16);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
		byte[] expected = mac(issued, serial).getBytes(StandardCharsets.US_ASCII);
		byte[] given = nonce.substring(dot2 + 1).getBytes(StandardCharsets.US_ASCII);
		return (issued >= 0 && MessageDigest.isEqual(expected, given)) ? issued : -1;
	}

	private String mac(long epochMillis, long serial) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			byte[] digest = mac.doFinal(ByteBuffer.allocate(16).putLong(epochMillis).putLong(serial).array());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every JDK", ex);
		}
	}

}
