package io.mongoose.boot.autoconfigure.route;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.mongoose.Reply;

/**
 * An error reply: RFC 9457's problem details ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, and {@code errors} for invalid
 * fields) as {@code application/problem+json}, or as plain text without JSON.
 */
record Problem(int status, @Nullable String detail, String instance, List<InvalidRequest.FieldError> errors) {

	static final String MEDIA_TYPE = "application/problem+json";

	/** The status's reason phrase, the one the core puts in status lines. */
	String title() {
		return Reply.reasonPhrase(this.status);
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
