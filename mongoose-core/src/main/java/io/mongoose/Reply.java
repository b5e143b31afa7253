package io.mongoose;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A whole reply as a value: status, headers and a body of bytes, text or a file, sent
 * with one call, {@link Connection#send(Reply)}. The server adds {@code Content-Length}
 * and {@code Date} (and {@code Connection} when the client needs telling); the body is
 * left out for {@code HEAD} and for 1xx, 204 and 304. Immutable: every method returns a
 * new reply, so one can be kept in a constant and sent many times.
 *
 * <pre>{@code
 * conn.send(Reply.of(201).header("Location", "/users/7").body("created\n"));
 * conn.send(Reply.of(405).header("Allow", "GET, HEAD"));
 * conn.send(Reply.of(200).file(Path.of("report.pdf")));
 * }</pre>
 */
public final class Reply {

	private static final byte[] EMPTY = new byte[0];

	private final int status;

	private final List<Header> headers;

	private final String contentType;

	private final byte[] body;

	private final Path file;

	private Reply(int status, List<Header> headers, String contentType, byte[] body, Path file) {
		this.status = status;
		this.headers = headers;
		this.contentType = contentType;
		this.body = body;
		this.file = file;
	}

	/**
	 * A reply with {@code status} and an empty body.
	 * @throws IllegalArgumentException if the status is not a three-digit code from 100
	 */
	public static Reply of(int status) {
		if (status < 100 || status > 999) {
			throw new IllegalArgumentException("status " + status + " is not a three-digit code from 100 to 999");
		}
		return new Reply(status, List.of(), null, EMPTY, null);
	}

	/**
	 * This reply with one more header. The name must be a token and the value field text
	 * (checked when it is sent, as {@link Connection#sendHeader}).
	 * @throws IllegalArgumentException for {@code Content-Length} or
	 * {@code Transfer-Encoding}: the server frames the body
	 */
	public Reply header(String name, String value) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
			throw new IllegalArgumentException(name + " is set by the server from the body of the reply");
		}
		if (value == null) {
			throw new IllegalArgumentException("header " + name + " has no value");
		}
		List<Header> more = new ArrayList<>(this.headers.size() + 1);
		more.addAll(this.headers);
		more.add(new Header(name, value));
		return new Reply(this.status, Collections.unmodifiableList(more), this.contentType, this.body, this.file);
	}

	/**
	 * This reply with {@code text} in UTF-8 as its body,
	 * {@code text/plain; charset=utf-8}.
	 */
	public Reply body(String text) {
		return body("text/plain; charset=utf-8", text);
	}

	/** This reply with {@code text} in UTF-8 as its body, of {@code contentType}. */
	public Reply body(String contentType, String text) {
		return body(contentType, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * This reply with {@code bytes} as its body (the array is sent as it is when the
	 * reply is sent, not copied), of {@code contentType} ({@code null}: none).
	 */
	public Reply body(String contentType, byte[] bytes) {
		return new Reply(this.status, this.headers, contentType, bytes, null);
	}

	/**
	 * This reply with a file as its body, typed by its name ({@link MimeTypes}); the file
	 * is opened when the reply is sent and streamed without copying.
	 */
	public Reply file(Path file) {
		return file(MimeTypes.get(file.getFileName().toString()), file);
	}

	/** This reply with a file as its body, of {@code contentType}. */
	public Reply file(String contentType, Path file) {
		return new Reply(this.status, this.headers, contentType, EMPTY, file);
	}

	public int status() {
		return this.status;
	}

	/** The headers added with {@link #header}, in order. */
	public List<Header> headers() {
		return this.headers;
	}

	/** The body's {@code Content-Type}, or {@code null}. */
	public String contentType() {
		return this.contentType;
	}

	/** The body when it is bytes or text; empty for a file body. */
	public byte[] bytes() {
		return this.body;
	}

	/** The file sent as the body, or {@code null}. */
	public Path file() {
		return this.file;
	}

	/**
	 * The reason phrase of {@code status} (RFC 9110), as in the status line of every
	 * reply: {@code "Not Found"} for 404; {@code "Client Error"}, {@code "Server Error"}
	 * or {@code "Status N"} for a code it does not name.
	 */
	public static String reasonPhrase(int status) {
		return switch (status) {
			case 100 -> "Continue";
			case 101 -> "Switching Protocols";
			case 200 -> "OK";
			case 201 -> "Created";
			case 202 -> "Accepted";
			case 204 -> "No Content";
			case 206 -> "Partial Content";
			case 207 -> "Multi-Status";
			case 301 -> "Moved Permanently";
			case 302 -> "Found";
			case 303 -> "See Other";
			case 304 -> "Not Modified";
			case 307 -> "Temporary Redirect";
			case 308 -> "Permanent Redirect";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 406 -> "Not Acceptable";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 410 -> "Gone";
			case 411 -> "Length Required";
			case 412 -> "Precondition Failed";
			case 413 -> "Content Too Large";
			case 414 -> "URI Too Long";
			case 415 -> "Unsupported Media Type";
			case 416 -> "Range Not Satisfiable";
			case 417 -> "Expectation Failed";
			case 422 -> "Unprocessable Content";
			case 423 -> "Locked";
			case 426 -> "Upgrade Required";
			case 428 -> "Precondition Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 451 -> "Unavailable For Legal Reasons";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			case 505 -> "HTTP Version Not Supported";
			default -> (status >= 500) ? "Server Error" : (status >= 400) ? "Client Error" : "Status " + status;
		};
	}

	@Override
	public String toString() {
		return "Reply " + this.status + " " + this.headers + ((this.file != null) ? " file " + this.file
				: " " + this.body.length + " bytes" + ((this.contentType != null) ? " " + this.contentType : ""));
	}

}
