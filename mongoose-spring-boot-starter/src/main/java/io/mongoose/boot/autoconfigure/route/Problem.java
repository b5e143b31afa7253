package io.mongoose.boot.autoconfigure.route;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error reply: RFC 9457's problem details ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, and {@code errors} for invalid
 * fields) as {@code application/problem+json}, or as plain text without JSON.
 */
record Problem(int status, @Nullable String detail, String instance, List<InvalidRequest.FieldError> errors) {

	static final String MEDIA_TYPE = "application/problem+json";

	String title() {
		return switch (this.status) {
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
			default -> (this.status < 500) ? "Client Error" : "Server Error";
		};
	}

	/** The JSON members, in RFC 9457's order. */
	Map<String, Object> members() {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", "about:blank");
		members.put("title", title());
		members.put("status", this.status);
		if (this.detail != null) {
			members.put("detail", this.detail);
		}
		members.put("instance", this.instance);
		if (!this.errors.isEmpty()) {
			members.put("errors", this.errors);
		}
		return members;
	}

	/** The plain-text form, as the core's own error pages. */
	byte[] text() {
		String body = this.status + " " + title() + "\n" + ((this.detail != null) ? this.detail + "\n" : "");
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
