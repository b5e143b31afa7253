package io.mongoose.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.mongoose.http.Tokens;

/**
 * Opening handshake helpers (RFC 6455 §4.2). Public because the HTTP layer decides
 * whether a request is an upgrade before any WebSocket state exists.
 */
public final class WebSocketHandshake {

	/** The GUID every server appends to the client key (§1.3). */
	static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	/**
	 * The only version this server speaks; anything else gets 426 with this value (§4.4).
	 */
	public static final String VERSION = "13";

	private static final byte[] GUID_BYTES = GUID.getBytes(StandardCharsets.ISO_8859_1);

	/**
	 * One digest per IO thread: an instance costs a provider lookup and ~1 KB of state.
	 */
	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(WebSocketHandshake::sha1);

	private WebSocketHandshake() {
	}

	/** {@code Sec-WebSocket-Accept} for a client key: base64(SHA-1(key + GUID)). */
	public static String acceptKey(String secWebSocketKey) {
		MessageDigest sha1 = SHA1.get();
		String key = secWebSocketKey.trim();
		for (int i = 0; i < key.length(); i++) {
			sha1.update((byte) key.charAt(i));
		}
		sha1.update(GUID_BYTES);
		return Base64.getEncoder().encodeToString(sha1.digest());
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is required of every JDK", e);
		}
	}

	/** A key must be the padded base64 of exactly 16 bytes (§4.1), i.e. 24 characters. */
	public static boolean isValidKey(String key) {
		if (key == null) {
			return false;
		}
		String k = key.trim();
		if (k.length() != 24 || !k.endsWith("==")) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(k).length == 16;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/**
	 * Splits a comma-separated header value into trimmed, non-empty tokens (as used by
	 * {@code Connection}, {@code Upgrade} and {@code Sec-WebSocket-Protocol}). Case is
	 * kept; compare with {@link #containsToken}.
	 */
	public static List<String> parseTokens(String headerValue) {
		List<String> tokens = new ArrayList<>();
		if (headerValue == null) {
			return tokens;
		}
		for (String part : headerValue.split(",")) {
			String t = part.trim();
			if (!t.isEmpty()) {
				tokens.add(t);
			}
		}
		return tokens;
	}

	/**
	 * Whether the list contains {@code token}, ignoring case
	 * ({@code keep-alive, Upgrade}).
	 */
	public static boolean containsToken(String headerValue, String token) {
		return headerValue != null && Tokens.contains(headerValue, token);
	}

	/**
	 * Whether a GET request asks for a version-13 WebSocket: {@code Upgrade} lists
	 * {@code websocket}, {@code Connection} lists {@code upgrade}, version 13, a valid
	 * key. Any argument may be null (header absent). A request failing only the version
	 * check should be answered 426 with {@code Sec-WebSocket-Version: 13}, the others
	 * 400.
	 */
	public static boolean isUpgradeRequest(String method, String upgrade, String connection, String version,
			String key) {
		return "GET".equals(method) && containsToken(upgrade, "websocket") && containsToken(connection, "upgrade")
				&& version != null && VERSION.equals(version.trim()) && isValidKey(key);
	}

}
