package io.mongoose.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.PasswordsFile;
import io.mongoose.UrlCodec;
import io.mongoose.http.HttpConnection;
import io.mongoose.http.UriNormalizer;

/**
 * HTTP Digest authentication (RFC 7616, MD5, {@code qop=auth}) against a passwords file
 * of {@code user:realm:md5(user:realm:password)} lines.
 * <p>
 * Stricter than Mongoose 5.1: nonces are issued by the server and verified
 * ({@link Nonces}; an expired one, or a nonce count not above the last one seen with it,
 * gets a new challenge with {@code stale=true}), the {@code uri} field must name the
 * request being made, the realm must be this one, and the response is compared in
 * constant time. A request that passes is marked with its user
 * ({@link HttpConnection#authenticatedUser()}).
 * <p>
 * URI handlers are protected through the API's {@code Server.digestAuthHandler}, which
 * makes a {@link #hook} with the file pipeline's nonces.
 */
public final class DigestAuth {

	/** The result of checking a request's credentials. */
	public enum Outcome {

		/** Valid credentials. */
		AUTHORIZED,
		/** No (or no Digest) {@code Authorization} header. */
		MISSING,
		/** Wrong user, password, realm, uri, nonce, or a malformed header. */
		DENIED,
		/**
		 * Right credentials with an expired or already used nonce count (a replay):
		 * challenge again with {@code stale=true}.
		 */
		STALE

	}

	private final String realm;

	private final Nonces nonces;

	public DigestAuth(String realm) {
		this(realm, new Nonces());
	}

	public DigestAuth(String realm, Nonces nonces) {
		if (realm == null || realm.isEmpty() || realm.indexOf('\r') >= 0 || realm.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("the realm must be non-empty text on one line");
		}
		this.realm = realm;
		this.nonces = Objects.requireNonNull(nonces);
	}

	/**
	 * An authorization hook for {@code Server.setAuthHandler}: requests whose URI
	 * {@code uriFilter} accepts need valid credentials from {@code passwords} (a missing
	 * or empty file lets nobody in); other requests pass untouched.
	 */
	public Handler hook(Path passwords, Predicate<String> uriFilter) {
		return c -> (!uriFilter.test(c.uri()) || authorize(c, passwords)) ? Handler.Result.NOT_HANDLED
				: Handler.Result.DONE;
	}

	public String realm() {
		return this.realm;
	}

	/**
	 * Checks the request; on failure answers it with a 401 challenge. @return true if
	 * authorized
	 */
	public boolean authorize(Connection c, Path passwords) {
		Outcome outcome = check(c, passwords);
		if (outcome == Outcome.AUTHORIZED) {
			return true;
		}
		if (c instanceof HttpConnection http) {
			http.setAuthenticatedUser(null); // another check of this request may have
												// passed: the request did not
		}
		challenge(c, outcome == Outcome.STALE);
		return false;
	}

	/**
	 * Checks the {@code Authorization} header of the request against {@code passwords}.
	 */
	public Outcome check(Connection c, Path passwords) {
		String header = c.getHeader("Authorization");
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
			return Outcome.MISSING;
		}
		Map<String, String> params = AuthParams.parse(header, "Digest");
		if (params == null) {
			return Outcome.DENIED;
		}
		String user = params.get("username");
		String realmField = params.get("realm");
		String nonce = params.get("nonce");
		String uri = params.get("uri");
		String response = params.get("response");
		String qop = params.get("qop");
		String nc = params.get("nc");
		String cnonce = params.get("cnonce");
		String algorithm = params.get("algorithm");
		if (user == null || realmField == null || nonce == null || uri == null || response == null || qop == null
				|| nc == null || cnonce == null || user.isEmpty()) {
			return Outcome.DENIED;
		}
		if (!qop.equalsIgnoreCase("auth") || (algorithm != null && !algorithm.equalsIgnoreCase("MD5"))
				|| !realmField.equals(this.realm) || !uriMatches(uri, c)) {
			return Outcome.DENIED;
		}
		Nonces.Check nonceCheck = this.nonces.check(nonce);
		long count = nonceCount(nc);
		if (nonceCheck == Nonces.Check.INVALID || count < 0) {
			return Outcome.DENIED;
		}
		Optional<String> ha1 = PasswordsFile.lookup(passwords, user, this.realm);
		// compute even for unknown users, so the timing does not tell which users exist
		String expected = response(ha1.orElse("00000000000000000000000000000000"), nonce, nc, cnonce, qop,
				c.requestMethod(), uri);
		boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
		if (!equal || ha1.isEmpty()) {
			return Outcome.DENIED;
		}
		if (nonceCheck == Nonces.Check.STALE) {
			return Outcome.STALE;
		}
		// A request may be checked more than once (at its head and by the layer serving
		// it, or
		// against several passwords files): its one header uses the nonce count once.
		HttpConnection http = (c instanceof HttpConnection h) ? h : null;
		if (http == null || !user.equals(http.authenticatedUser())) {
			if (!this.nonces.use(nonce, count)) {
				return Outcome.STALE; // a replayed or reordered request: a fresh nonce,
										// no new password
			}
			if (http != null) {
				http.setAuthenticatedUser(user);
			}
		}
		return Outcome.AUTHORIZED;
	}

	/** The {@code nc} field: 8 hex digits (RFC 7616), else -1. */
	static long nonceCount(String nc) {
		if (nc.length() != 8) {
			return -1;
		}
		for (int i = 0; i < 8; i++) {
			char ch = nc.charAt(i);
			if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F')) {
				return -1; // ASCII only: Long.parseLong would take other scripts' digits
							// too
			}
		}
		return Long.parseLong(nc, 16);
	}

	/** Sends {@code 401 Unauthorized} with a fresh Digest challenge. */
	public void challenge(Connection c, boolean stale) {
		String value = "Digest realm=\"" + quote(this.realm) + "\", qop=\"auth\", nonce=\"" + this.nonces.issue()
				+ "\", algorithm=MD5" + (stale ? ", stale=true" : "");
		byte[] body = "401 Unauthorized\n".getBytes(StandardCharsets.US_ASCII);
		if (c instanceof HttpConnection http) {
			String headers = "WWW-Authenticate: " + value + "\r\nContent-Type: text/plain; charset=utf-8\r\n";
			if (!http.sendHead(401, headers, body)) {
				http.net().closeNow();
			}
		}
		else {
			c.sendStatus(401).sendHeader("WWW-Authenticate", value).sendHeader("Content-Type", "text/plain");
			c.sendData(body);
		}
	}

	/** The Digest {@code username} of an {@code Authorization} header, or null. */
	public static String username(String authorization) {
		Map<String, String> params = (authorization != null) ? AuthParams.parse(authorization, "Digest") : null;
		return (params != null) ? params.get("username") : null;
	}

	/**
	 * The expected {@code response}: MD5(HA1:nonce:nc:cnonce:qop:MD5(method:uri)),
	 * lowercase hex.
	 */
	public static String response(String ha1, String nonce, String nc, String cnonce, String qop, String method,
			String uri) {
		String ha2 = PasswordsFile.md5Hex(method + ":" + uri);
		return PasswordsFile.md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
	}

	/**
	 * Whether the header's {@code uri} (a request target) names the request being made.
	 */
	static boolean uriMatches(String headerUri, Connection c) {
		String target = headerUri;
		if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
			int slash = target.indexOf('/', target.indexOf("//") + 2);
			target = (slash < 0) ? "/" : target.substring(slash);
		}
		int q = target.indexOf('?');
		String path = (q < 0) ? target : target.substring(0, q);
		String query = (q < 0) ? null : target.substring(q + 1);
		if (!path.startsWith("/")) {
			return false;
		}
		String normalized = UriNormalizer.normalize(UrlCodec.decode(path, false));
		return normalized != null && normalized.equals(c.uri()) && Objects.equals(query, c.queryString());
	}

	private static String quote(String s) {
		return s.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
