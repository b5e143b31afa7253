package io.mongoose.client;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mongoose.Header;
import io.mongoose.http.FieldLine;
import io.mongoose.http.HttpError;
import io.mongoose.http.RequestParser;
import io.mongoose.http.Tokens;

/**
 * A parsed response head (RFC 9112 §4), read as strictly as the server reads requests: a
 * line ends with CRLF or a bare LF, a bare CR or a control character in a field is an
 * error, as are obsolete line folding, white space before a colon, conflicting
 * {@code Content-Length}s, {@code Content-Length} with {@code Transfer-Encoding}, and any
 * transfer coding but {@code chunked}.
 */
final class ResponseHead {

	final int version;

	final int status;

	final String reason;

	final List<Header> headers = new ArrayList<>();

	long contentLength = -1;

	boolean chunked;

	boolean connectionClose;

	boolean connectionKeepAlive;

	private ResponseHead(int version, int status, String reason) {
		this.version = version;
		this.status = status;
		this.reason = reason;
	}

	/** Parses {@code buf[0, end)}, which ends with the blank line. */
	static ResponseHead parse(byte[] buf, int end, int maxHeaders) throws ProtocolException {
		try {
			int eol = lineEnd(buf, 0, end);
			ResponseHead head = statusLine(buf, eol);
			int pos = next(buf, eol);
			while (true) {
				eol = lineEnd(buf, pos, end);
				if (eol == pos) {
					break;
				}
				if (head.headers.size() == maxHeaders) {
					throw new ProtocolException("more than " + maxHeaders + " response headers");
				}
				head.header(buf, pos, eol);
				pos = next(buf, eol);
			}
			return head;
		}
		catch (HttpError ex) {
			throw new ProtocolException(ex.getMessage());
		}
	}

	/** A response carries no body whatever its headers say (RFC 9112 §6.3). */
	boolean hasNoBody(boolean headRequest) {
		return headRequest || this.status == 204 || this.status == 304 || this.status < 200;
	}

	/** The connection may carry another request after this response. */
	boolean keepsAlive() {
		return !this.connectionClose && (this.version == 11 || this.connectionKeepAlive);
	}

	private static ResponseHead statusLine(byte[] buf, int end) throws ProtocolException {
		// HTTP/1.x SP 3DIGIT [SP reason]
		if (end < 12 || !ascii(buf, 0, 7).equals("HTTP/1.") || buf[7] < '0' || buf[7] > '9' || buf[8] != ' ') {
			throw new ProtocolException("malformed status line '" + printable(buf, Math.min(end, 64)) + "'");
		}
		int status = 0;
		for (int i = 9; i < 12; i++) {
			if (buf[i] < '0' || buf[i] > '9') {
				throw new ProtocolException("malformed status code in '" + printable(buf, Math.min(end, 64)) + "'");
			}
			status = status * 10 + (buf[i] - '0');
		}
		if (status < 100 || status > 599 || (end > 12 && buf[12] != ' ')) {
			throw new ProtocolException("malformed status code in '" + printable(buf, Math.min(end, 64)) + "'");
		}
		if (end > 13 && FieldLine.valueEnd(buf, 13, end) < 0) {
			throw new ProtocolException("a control character in the reason phrase");
		}
		String reason = (end > 13) ? new String(buf, 13, end - 13, StandardCharsets.ISO_8859_1) : "";
		return new ResponseHead(buf[7] == '0' ? 10 : 11, status, reason);
	}

	private void header(byte[] buf, int start, int end) throws ProtocolException, HttpError {
		int colon = FieldLine.colon(buf, start, end);
		if (colon < 0) {
			throw new ProtocolException(FieldLine.problem(colon) + " in a response header");
		}
		int vs = FieldLine.valueStart(buf, colon, end);
		int ve = FieldLine.valueEnd(buf, vs, end);
		if (ve < 0) {
			throw new ProtocolException(FieldLine.problem(ve) + " in a response header");
		}
		String name = ascii(buf, start, colon);
		String value = new String(buf, vs, ve - vs, StandardCharsets.ISO_8859_1);
		this.headers.add(new Header(name, value));
		if (name.equalsIgnoreCase("Content-Length")) {
			long length = RequestParser.contentLength(buf, vs, ve);
			if (this.contentLength >= 0 && this.contentLength != length) {
				throw new ProtocolException("conflicting Content-Length headers");
			}
			this.contentLength = length;
		}
		else if (name.equalsIgnoreCase("Transfer-Encoding")) {
			if (this.chunked || !value.equalsIgnoreCase("chunked")) {
				throw new ProtocolException("unsupported transfer coding: " + value);
			}
			this.chunked = true;
		}
		else if (name.equalsIgnoreCase("Connection")) {
			this.connectionClose |= Tokens.contains(value, "close");
			this.connectionKeepAlive |= Tokens.contains(value, "keep-alive");
		}
		if (this.chunked && this.contentLength >= 0) {
			throw new ProtocolException("both Content-Length and Transfer-Encoding in a response");
		}
	}

	/** Index of the CR of CRLF or of a bare LF ending the line at {@code pos}. */
	private static int lineEnd(byte[] buf, int pos, int end) throws ProtocolException {
		for (int i = pos; i < end; i++) {
			if (buf[i] == '\n') {
				return i;
			}
			if (buf[i] == '\r') {
				if (i + 1 < end && buf[i + 1] == '\n') {
					return i;
				}
				throw new ProtocolException("bare CR in the response head");
			}
		}
		throw new ProtocolException("unterminated line in the response head");
	}

	private static int next(byte[] buf, int eol) {
		return (buf[eol] == '\r') ? eol + 2 : eol + 1;
	}

	private static String ascii(byte[] buf, int start, int end) {
		return new String(buf, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
	}

	/** The start of a line for an error message, anything but printable ASCII as '?'. */
	private static String printable(byte[] buf, int end) {
		StringBuilder text = new StringBuilder(end);
		for (int i = 0; i < end; i++) {
			int b = buf[i] & 0xff;
			text.append((b >= 0x20 && b < 0x7f) ? (char) b : '?');
		}
		return text.toString();
	}

	/** The value of {@code name} (any case), or {@code null}. */
	String header(String name) {
		for (Header header : this.headers) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

}
