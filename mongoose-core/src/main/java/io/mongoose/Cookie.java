package io.mongoose;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A cookie to set (RFC 6265bis): an immutable value whose {@link #toString()} is the
 * {@code Set-Cookie} header value; {@link Connection#setCookie} adds it to the reply.
 * <pre>{@code
 * conn.setCookie(Cookie.builder("session", id).path("/").maxAge(Duration.ofHours(8))
 *     .secure(true).httpOnly(true).sameSite(Cookie.SameSite.LAX).build());
 * conn.sendReply(200, "text/plain", "signed in");
 * }</pre> The builder refuses what a header must not carry: a name that is not a token, a
 * value outside the cookie octets (no space, {@code "}, {@code ,}, {@code ;}, {@code \},
 * control characters), a path or domain with a control character or {@code ;},
 * {@code SameSite=None} without {@code Secure}, and a {@code __Secure-} or
 * {@code __Host-} name without what its prefix promises. Reading is
 * {@link Connection#cookie(String)}.
 */
public final class Cookie {

	/** The {@code SameSite} attribute. */
	public enum SameSite {

		STRICT("Strict"), LAX("Lax"), NONE("None");

		private final String text;

		SameSite(String text) {
			this.text = text;
		}

	}

	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final String name;

	private final String value;

	private final String header;

	private Cookie(String name, String value, String header) {
		this.name = name;
		this.value = value;
		this.header = header;
	}

	public static Builder builder(String name, String value) {
		return new Builder(name, value);
	}

	public String name() {
		return this.name;
	}

	public String value() {
		return this.value;
	}

	/** The {@code Set-Cookie} header value. */
	@Override
	public String toString() {
		return this.header;
	}

	/**
	 * The value of cookie {@code name} in a {@code Cookie} header ({@code a=1; b="2"}),
	 * without quotes, or {@code null}. Lenient on spaces and tabs; a pair without
	 * {@code =} is skipped; never throws.
	 */
	static String valueIn(String header, String name) {
		int length = header.length();
		int start = 0;
		while (start < length) {
			int end = header.indexOf(';', start);
			if (end < 0) {
				end = length;
			}
			int equals = header.indexOf('=', start);
			if (equals >= 0 && equals < end) {
				int nameStart = skipBlanks(header, start, equals);
				int nameEnd = trimBlanks(header, nameStart, equals);
				if (nameEnd - nameStart == name.length() && header.startsWith(name, nameStart)) {
					int valueStart = skipBlanks(header, equals + 1, end);
					int valueEnd = trimBlanks(header, valueStart, end);
					if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"'
							&& header.charAt(valueEnd - 1) == '"') {
						valueStart++;
						valueEnd--;
					}
					return header.substring(valueStart, valueEnd);
				}
			}
			start = end + 1;
		}
		return null;
	}

	private static int skipBlanks(String s, int from, int to) {
		while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
			from++;
		}
		return from;
	}

	private static int trimBlanks(String s, int from, int to) {
		while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
			to--;
		}
		return to;
	}

	/** Collects the attributes; {@link #build()} checks them. */
	public static final class Builder {

		private final String name;

		private final String value;

		private String path;

		private String domain;

		private Duration maxAge;

		private Instant expires;

		private boolean secure;

		private boolean httpOnly;

		private SameSite sameSite;

		private Builder(String name, String value) {
			this.name = name;
			this.value = value;
		}

		public Builder path(String path) {
			this.path = path;
			return this;
		}

		public Builder domain(String domain) {
			this.domain = domain;
			return this;
		}

		/** {@code Max-Age} in whole seconds; zero deletes the cookie. */
		public Builder maxAge(Duration maxAge) {
			this.maxAge = maxAge;
			return this;
		}

		public Builder expires(Instant expires) {
			this.expires = expires;
			return this;
		}

		public Builder secure(boolean secure) {
			this.secure = secure;
			return this;
		}

		public Builder httpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
			return this;
		}

		public Builder sameSite(SameSite sameSite) {
			this.sameSite = sameSite;
			return this;
		}

		/**
		 * @throws IllegalArgumentException naming the attribute that cannot be sent
		 */
		public Cookie build() {
			checkName(this.name);
			checkValue(this.name, this.value);
			StringBuilder header = new StringBuilder(this.name).append('=').append(this.value);
			if (this.path != null) {
				checkAttribute("Path", this.path);
				header.append("; Path=").append(this.path);
			}
			if (this.domain != null) {
				checkAttribute("Domain", this.domain);
				header.append("; Domain=").append(this.domain);
			}
			if (this.maxAge != null) {
				if (this.maxAge.isNegative()) {
					throw new IllegalArgumentException("cookie '" + this.name + "': Max-Age must not be negative");
				}
				header.append("; Max-Age=").append(this.maxAge.getSeconds());
			}
			if (this.expires != null) {
				header.append("; Expires=").append(IMF_FIXDATE.format(this.expires));
			}
			if (this.secure) {
				header.append("; Secure");
			}
			if (this.httpOnly) {
				header.append("; HttpOnly");
			}
			if (this.sameSite != null) {
				if (this.sameSite == SameSite.NONE && !this.secure) {
					throw new IllegalArgumentException(
							"cookie '" + this.name + "': SameSite=None requires Secure (browsers drop it otherwise)");
				}
				header.append("; SameSite=").append(this.sameSite.text);
			}
			checkPrefix();
			return new Cookie(this.name, this.value, header.toString());
		}

		private void checkPrefix() {
			String lower = this.name.toLowerCase(Locale.ROOT);
			if ((lower.startsWith("__secure-") || lower.startsWith("__host-")) && !this.secure) {
				throw new IllegalArgumentException("cookie '" + this.name + "': its prefix requires Secure");
			}
			if (lower.startsWith("__host-") && (this.domain != null || !"/".equals(this.path))) {
				throw new IllegalArgumentException("cookie '" + this.name + "': __Host- requires Path=/ and no Domain");
			}
		}

		private static void checkName(String name) {
			if (name == null || name.isEmpty()) {
				throw new IllegalArgumentException("cookie name must not be empty");
			}
			for (int i = 0; i < name.length(); i++) {
				char ch = name.charAt(i);
				if (ch <= 32 || ch >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
					throw new IllegalArgumentException(
							"cookie name '" + printable(name) + "' holds " + describe(ch) + ": it must be a token");
				}
			}
		}

		/** RFC 6265bis cookie-value: cookie-octets, optionally in double quotes. */
		private static void checkValue(String name, String value) {
			if (value == null) {
				throw new IllegalArgumentException("cookie '" + name + "' has no value");
			}
			int start = 0;
			int end = value.length();
			if (end >= 2 && value.charAt(0) == '"' && value.charAt(end - 1) == '"') {
				start++;
				end--;
			}
			for (int i = start; i < end; i++) {
				char ch = value.charAt(i);
				if (ch < 0x21 || ch > 0x7e || ch == '"' || ch == ',' || ch == ';' || ch == '\\') {
					throw new IllegalArgumentException("cookie '" + name + "': value holds " + describe(ch)
							+ "; encode it (for example Base64url)");
				}
			}
		}

		private static void checkAttribute(String attribute, String value) {
			for (int i = 0; i < value.length(); i++) {
				char ch = value.charAt(i);
				if (ch < 0x20 || ch >= 0x7f || ch == ';') {
					throw new IllegalArgumentException("cookie " + attribute + " holds " + describe(ch));
				}
			}
		}

		private static String describe(char ch) {
			return (ch > 32 && ch < 127) ? "'" + ch + "'" : String.format("U+%04X", (int) ch);
		}

		private static String printable(String s) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < s.length(); i++) {
				char ch = s.charAt(i);
				out.append((ch >= 32 && ch < 127) ? String.valueOf(ch) : String.format("\\u%04X", (int) ch));
			}
			return out.toString();
		}

	}

}
