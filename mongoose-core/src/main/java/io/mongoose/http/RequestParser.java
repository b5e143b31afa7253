package io.mongoose.http;

import java.nio.charset.StandardCharsets;

import io.mongoose.UrlCodec;

/**
 * Parses a request head in place from the receive buffer, strictly where RFC 9112 says
 * MUST: a malformed head is refused with the status to answer, never guessed at.
 * <p>
 * Over 400 lines because every rule of the request head (request line, header grammar,
 * the framing headers) is checked in one pass over the bytes, and the rules read best
 * side by side.
 */
public final class RequestParser {

	private static final boolean[] TCHAR = new boolean[128];

	static {
		for (char c = '0'; c <= '9'; c++) {
			TCHAR[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TCHAR[c] = true;
			TCHAR[c - 32] = true;
		}
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TCHAR[c] = true;
		}
	}

	private RequestParser() {
	}

	/**
	 * Finds the end of the head: the index just after the blank line, or -1 if it has not
	 * arrived yet. Empty lines before the request line are skipped (RFC 9112 §2.2).
	 * @param from where to resume scanning (an earlier call saw no end before it)
	 */
	public static int headEnd(byte[] buf, int from, int length) {
		for (int i = Math.max(from, 0); i < length; i++) {
			if (buf[i] != '\n') {
				continue;
			}
			if (i + 1 < length && buf[i + 1] == '\n') {
				return i + 2;
			}
			if (i + 2 < length && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
				return i + 3;
			}
		}
		return -1;
	}

	/** Number of CR/LF bytes before the request line. */
	static int leadingBlankLines(byte[] buf, int length) {
		int i = 0;
		while (i < length && (buf[i] == '\r' || buf[i] == '\n')) {
			i++;
		}
		return i;
	}

	/**
	 * What to answer for a head that filled {@code limit} bytes without ending: the part
	 * that did not end decides. A method is not a header field (400), a target is 414,
	 * headers 431.
	 */
	static HttpError overlongHead(byte[] buf, int start, int length, int limit) {
		if (indexOf(buf, start, length, (byte) '\n') >= 0) {
			return new HttpError(431, "request head larger than " + limit + " bytes");
		}
		int sp1 = indexOf(buf, start, length, (byte) ' ');
		if (sp1 < 0) {
			return new HttpError(400, "method longer than " + limit + " bytes");
		}
		if (indexOf(buf, sp1 + 1, length, (byte) ' ') < 0) {
			return new HttpError(414, "request target longer than " + limit + " bytes");
		}
		return new HttpError(400, "malformed request line longer than " + limit + " bytes");
	}

	/**
	 * Parses {@code buf[start, end)} into {@code request}.
	 * @throws HttpError with 400, 431, 501 or 505 when the head is malformed
	 */
	static void parse(byte[] buf, int start, int end, int maxHeaders, Request request) throws HttpError {
		request.headLength = end;
		int lineEnd = lineEnd(buf, start, end);
		parseRequestLine(buf, start, lineEnd, request);
		int pos = next(buf, lineEnd);
		while (true) {
			int eol = lineEnd(buf, pos, end);
			if (eol == pos) {
				break;
			}
			if (request.headerCount() == maxHeaders) {
				throw new HttpError(431, "more than " + maxHeaders + " headers");
			}
			parseHeader(buf, pos, eol, request);
			pos = next(buf, eol);
		}
		interpretHeaders(buf, request);
	}

	/**
	 * Index of the CR of CRLF or of a bare LF ending the line that starts at {@code pos}.
	 */
	private static int lineEnd(byte[] buf, int pos, int end) throws HttpError {
		for (int i = pos; i < end; i++) {
			byte b = buf[i];
			if (b == '\n') {
				return i;
			}
			if (b == '\r') {
				if (i + 1 < end && buf[i + 1] == '\n') {
					return i;
				}
				throw new HttpError(400, "bare CR in request head");
			}
		}
		throw new HttpError(400, "unterminated line in request head");
	}

	private static int next(byte[] buf, int eol) {
		return (buf[eol] == '\r') ? eol + 2 : eol + 1;
	}

	private static void parseRequestLine(byte[] buf, int start, int end, Request request) throws HttpError {
		int sp1 = indexOf(buf, start, end, (byte) ' ');
		int sp2 = (sp1 < 0) ? -1 : indexOf(buf, sp1 + 1, end, (byte) ' ');
		if (sp1 <= start || sp2 < 0 || sp2 == sp1 + 1 || indexOf(buf, sp2 + 1, end, (byte) ' ') >= 0) {
			throw new HttpError(400, "malformed request line");
		}
		for (int i = start; i < sp1; i++) {
			if (!isTchar(buf[i])) {
				throw new HttpError(400, "invalid character in method");
			}
		}
		request.method = method(buf, start, sp1);
		for (int i = sp1 + 1; i < sp2; i++) {
			int b = buf[i] & 0xff;
			if (b <= 0x20 || b == 0x7f) {
				throw new HttpError(400, "invalid character in request target");
			}
			if (b == '#') { // a fragment is never sent (RFC 9112 §3.2): looking it up
							// literally would be a guess
				throw new HttpError(400, "fragment in request target");
			}
			if (b == '%' && malformedEscape(buf, i, sp2)) {
				throw new HttpError(400, "'%' not followed by two hex digits in request target");
			}
		}
		request.version = version(buf, sp2 + 1, end);
		target(buf, sp1 + 1, sp2, request);
	}

	private static String method(byte[] buf, int start, int end) {
		int n = end - start;
		if (n == 3 && buf[start] == 'G' && buf[start + 1] == 'E' && buf[start + 2] == 'T') {
			return "GET";
		}
		if (n == 4 && buf[start] == 'P' && buf[start + 1] == 'O' && buf[start + 2] == 'S' && buf[start + 3] == 'T') {
			return "POST";
		}
		if (n == 4 && buf[start] == 'H' && buf[start + 1] == 'E' && buf[start + 2] == 'A' && buf[start + 3] == 'D') {
			return "HEAD";
		}
		return new String(buf, start, n, StandardCharsets.US_ASCII);
	}

	/**
	 * {@code HTTP/DIGIT.DIGIT} exactly (case-sensitive); anything else is a malformed
	 * request line. A later HTTP/1 minor version is served as 1.1 (RFC 9110 §2.5);
	 * another major version is 505.
	 */
	private static int version(byte[] buf, int start, int end) throws HttpError {
		if (end - start != 8 || buf[start] != 'H' || buf[start + 1] != 'T' || buf[start + 2] != 'T'
				|| buf[start + 3] != 'P' || buf[start + 4] != '/' || !isDigit(buf[start + 5]) || buf[start + 6] != '.'
				|| !isDigit(buf[start + 7])) {
			throw new HttpError(400, "malformed HTTP version");
		}
		if (buf[start + 5] != '1') {
			throw new HttpError(505, "unsupported HTTP version");
		}
		return (buf[start + 7] == '0') ? 10 : 11;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private static void target(byte[] buf, int start, int end, Request request) throws HttpError {
		if (end - start == 1 && buf[start] == '*') {
			if (!request.method.equals("OPTIONS")) {
				throw new HttpError(400, "'*' is a target for OPTIONS only");
			}
			request.path = "*";
			request.routingPath = "*";
			return;
		}
		int pathStart = start;
		if (buf[start] != '/') {
			int scheme = schemeLength(buf, start, end);
			if (scheme == 0) {
				throw new HttpError(400, "request target must start with '/'");
			}
			pathStart = indexOf(buf, start + scheme, end, (byte) '/');
			if (pathStart < 0) {
				pathStart = end;
			}
			if (!validHost(buf, start + scheme, pathStart)) {
				throw new HttpError(400, "invalid authority in request target");
			}
		}
		int q = indexOf(buf, pathStart, end, (byte) '?');
		int pathEnd = (q < 0) ? end : q;
		if (q >= 0) {
			request.queryStart = q + 1;
			request.queryEnd = end;
		}
		String decoded = (pathStart == pathEnd) ? "/" : decodePath(buf, pathStart, pathEnd, request);
		String normalized = UriNormalizer.normalize(decoded);
		if (normalized == null) {
			throw new HttpError(400, "path escapes the root or holds a NUL");
		}
		request.path = normalized;
		request.routingPath = RoutingPath.hasEncodedSlash(buf, pathStart, pathEnd)
				? RoutingPath.decode(buf, pathStart, pathEnd) : normalized;
	}

	/** Length of {@code http://} or {@code https://} plus the authority's start, or 0. */
	private static int schemeLength(byte[] buf, int start, int end) {
		String http = "http://";
		String https = "https://";
		if (startsWithIgnoreCase(buf, start, end, http)) {
			return http.length();
		}
		return startsWithIgnoreCase(buf, start, end, https) ? https.length() : 0;
	}

	private static boolean startsWithIgnoreCase(byte[] buf, int start, int end, String prefix) {
		if (end - start < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (!Tokens.sameIgnoringCase(buf[start + i], prefix.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Percent-decodes the path as UTF-8. A plain ASCII path equal to the connection's
	 * previous one reuses its String, so a keep-alive client repeating a request
	 * allocates nothing here.
	 */
	private static String decodePath(byte[] buf, int start, int end, Request request) {
		boolean plain = true;
		for (int i = start; i < end && plain; i++) {
			plain = buf[i] != '%' && buf[i] >= 0;
		}
		if (plain) {
			String previous = request.previousPlainPath;
			if (previous != null && sameAscii(previous, buf, start, end)) {
				return previous;
			}
			String path = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
			request.previousPlainPath = path;
			return path;
		}
		byte[] decoded = new byte[end - start + 1]; // + the NUL UrlCodec terminates with
		int n = UrlCodec.decode(buf, start, end - start, decoded, false);
		return new String(decoded, 0, n, StandardCharsets.UTF_8);
	}

	private static boolean sameAscii(String s, byte[] buf, int start, int end) {
		if (s.length() != end - start) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) != buf[start + i]) {
				return false;
			}
		}
		return true;
	}

	private static void parseHeader(byte[] buf, int start, int end, Request request) throws HttpError {
		int colon = FieldLine.colon(buf, start, end);
		if (colon < 0) {
			throw new HttpError(400, FieldLine.problem(colon) + " in a request header");
		}
		int vs = FieldLine.valueStart(buf, colon, end);
		int ve = FieldLine.valueEnd(buf, vs, end);
		if (ve < 0) {
			throw new HttpError(400, FieldLine.problem(ve) + " in a request header");
		}
		request.addHeader(start, colon, vs, ve);
	}

	private static void interpretHeaders(byte[] buf, Request request) throws HttpError {
		int hosts = 0;
		String transferEncoding = null;
		for (int i = 0, n = request.headerCount(); i < n; i++) {
			if (request.nameIs(i, "Host")) {
				hosts++;
				if (!validHost(buf, request.valueStart(i), request.valueEnd(i))) {
					throw new HttpError(400, "invalid Host header");
				}
			}
			else if (request.nameIs(i, "Content-Length")) {
				long length = contentLength(buf, request.valueStart(i), request.valueEnd(i));
				if (request.contentLength >= 0 && request.contentLength != length) {
					throw new HttpError(400, "conflicting Content-Length headers");
				}
				request.contentLength = length;
			}
			else if (request.nameIs(i, "Connection")) {
				request.connectionClose |= Tokens.contains(buf, request.valueStart(i), request.valueEnd(i), "close");
				request.connectionKeepAlive |= Tokens.contains(buf, request.valueStart(i), request.valueEnd(i),
						"keep-alive");
			}
			else if (request.nameIs(i, "Upgrade")) {
				request.upgradeWebSocket |= Tokens.contains(buf, request.valueStart(i), request.valueEnd(i),
						"websocket");
			}
			else if (request.nameIs(i, "Transfer-Encoding")) {
				String value = request.value(i);
				transferEncoding = (transferEncoding == null) ? value : transferEncoding + "," + value;
			}
		}
		if (hosts > 1) {
			throw new HttpError(400, "more than one Host header");
		}
		if (hosts == 0 && request.version == 11) {
			throw new HttpError(400, "missing Host header");
		}
		if (transferEncoding != null) {
			if (request.contentLength >= 0) {
				throw new HttpError(400, "both Content-Length and Transfer-Encoding");
			}
			if (request.version == 10) {
				throw new HttpError(400, "Transfer-Encoding in an HTTP/1.0 request");
			}
			if (!Tokens.last(transferEncoding).equalsIgnoreCase("chunked")) {
				throw new HttpError(400, "Transfer-Encoding does not end with chunked");
			}
			if (!transferEncoding.trim().equalsIgnoreCase("chunked")) {
				throw new HttpError(501, "unsupported transfer coding: " + transferEncoding);
			}
			request.chunked = true;
		}
	}

	/** A Content-Length value: digits, or a list of equal digit runs ({@code 5, 5}). */
	public static long contentLength(byte[] buf, int start, int end) throws HttpError {
		long result = -1;
		int i = start;
		while (i <= end) { // <=: an empty last element ("5,") is an error, not skipped
			int e = Tokens.elementEnd(buf, i, end);
			int s = Tokens.trimStart(buf, i, e);
			int t = Tokens.trimEnd(buf, s, e);
			if (s == t || t - s > 18) {
				throw new HttpError(400, "invalid Content-Length");
			}
			long n = 0;
			for (int k = s; k < t; k++) {
				if (buf[k] < '0' || buf[k] > '9') {
					throw new HttpError(400, "invalid Content-Length");
				}
				n = n * 10 + (buf[k] - '0');
			}
			if (result >= 0 && result != n) {
				throw new HttpError(400, "conflicting Content-Length values");
			}
			result = n;
			i = e + 1;
		}
		return result;
	}

	/**
	 * RFC 9112 §3.2: {@code uri-host [ ":" port ]}, nothing else: no user info, path,
	 * list or white space, and not empty (an http URI has a host). Both readings of a
	 * Host that a proxy and this server could disagree on are refused instead of picking
	 * one.
	 */
	static boolean validHost(byte[] buf, int start, int end) {
		int i = start;
		if (i < end && buf[i] == '[') { // IP-literal
			i++;
			while (i < end && (Character.digit(buf[i], 16) >= 0 || buf[i] == ':' || buf[i] == '.')) {
				i++;
			}
			if (i == start + 1 || i == end || buf[i] != ']') {
				return false;
			}
			i++;
		}
		else {
			while (i < end && isRegNameChar(buf[i])) {
				if (buf[i] == '%' && malformedEscape(buf, i, end)) {
					return false;
				}
				i++;
			}
			if (i == start) {
				return false;
			}
		}
		if (i < end && buf[i] == ':') {
			i++;
			int portStart = i;
			while (i < end && isDigit(buf[i])) {
				i++;
			}
			if (i - portStart > 5) {
				return false;
			}
		}
		return i == end;
	}

	/**
	 * RFC 3986 reg-name: unreserved, pct-encoded, sub-delims but ',' (a list is more than
	 * one Host).
	 */
	private static boolean isRegNameChar(byte b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || isDigit(b) || "-._~%!$&'()*+;=".indexOf(b) >= 0;
	}

	public static boolean isTchar(byte b) {
		return b > 0 && TCHAR[b];
	}

	private static int indexOf(byte[] buf, int from, int to, byte b) {
		for (int i = from; i < to; i++) {
			if (buf[i] == b) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Whether {@code src[i]} is a {@code %} not followed by two hex digits before
	 * {@code end}: a target {@link UrlCodec} would read leniently, refused instead.
	 */
	static boolean malformedEscape(byte[] src, int i, int end) {
		return src[i] == '%' && (i + 2 >= end || hexDigit(src[i + 1]) < 0 || hexDigit(src[i + 2]) < 0);
	}

	private static int hexDigit(byte b) {
		return (b >= '0' && b <= '9') ? b - '0'
				: (b >= 'a' && b <= 'f') ? b - 'a' + 10 : (b >= 'A' && b <= 'F') ? b - 'A' + 10 : -1;
	}

}
