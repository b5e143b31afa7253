package io.mongoose.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.mongoose.ClientRequest;
import io.mongoose.Header;
import io.mongoose.http.RequestParser;

/**
 * Encodes a request's head and body as bytes for the socket. Header names must be tokens
 * and values field text (no CR, LF or NUL), checked here so no caller can split a
 * request; the framing headers are the client's own.
 */
final class RequestHead {

	/** Headers the client writes itself. */
	private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding");

	private RequestHead() {
	}

	/**
	 * @throws IllegalArgumentException for a method, header name or value that may not be
	 * sent
	 */
	static byte[] encode(ClientRequest request, Origin origin) {
		StringBuilder head = new StringBuilder(256);
		checkToken(request.method(), "method");
		head.append(request.method()).append(' ').append(target(request.uri())).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(origin.hostHeader()).append("\r\n");
		appendHeaders(head, request.headers());
		byte[] body = request.body();
		if (body.length > 0 || request.method().equals("POST") || request.method().equals("PUT")) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body.length == 0) {
			return headBytes;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(headBytes.length + body.length);
		out.writeBytes(headBytes);
		out.writeBytes(body);
		return out.toByteArray();
	}

	/** The request target: the URI's raw path ("/" when empty) and query. */
	static String target(URI uri) {
		String path = uri.getRawPath();
		String target = (path == null || path.isEmpty()) ? "/" : path;
		return (uri.getRawQuery() != null) ? target + "?" + uri.getRawQuery() : target;
	}

	static void appendHeaders(StringBuilder head, List<Header> headers) {
		for (Header header : headers) {
			checkToken(header.name(), "header name");
			if (RESERVED.contains(header.name().toLowerCase(java.util.Locale.ROOT))) {
				throw new IllegalArgumentException("header " + header.name() + " is written by the client");
			}
			String value = header.value();
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
					throw new IllegalArgumentException(
							"header " + header.name() + ": character U+" + Integer.toHexString(c) + " not allowed");
				}
			}
			head.append(header.name()).append(": ").append(value).append("\r\n");
		}
	}

	private static void checkToken(String s, String what) {
		boolean ok = !s.isEmpty();
		for (int i = 0; ok && i < s.length(); i++) {
			char c = s.charAt(i);
			ok = c < 128 && RequestParser.isTchar((byte) c);
		}
		if (!ok) {
			throw new IllegalArgumentException("invalid " + what + " '" + s + "'");
		}
	}

}
