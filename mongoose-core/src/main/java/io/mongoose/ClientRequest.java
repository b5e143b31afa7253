package io.mongoose;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbound HTTP/1.1 request for a {@link Client}: method, absolute {@code http} or
 * {@code https} URI, headers and body. Immutable; {@code Host} and {@code Content-Length}
 * are written by the client.
 * <p>
 * Example: <pre>{@code
 * ClientRequest request = ClientRequest.builder("https://api.example.com/orders")
 *     .method("POST")
 *     .header("Accept", "application/json")
 *     .body("application/json", "{\"item\":42}")
 *     .build();
 * }</pre>
 */
public final class ClientRequest {

	private static final byte[] NO_BODY = new byte[0];

	private final String method;

	private final URI uri;

	private final List<Header> headers;

	private final byte[] body;

	private ClientRequest(Builder builder) {
		this.method = builder.method;
		this.uri = builder.uri;
		this.headers = List.copyOf(builder.headers);
		this.body = builder.body;
	}

	/** A GET of {@code uri}. */
	public static ClientRequest get(String uri) {
		return builder(uri).build();
	}

	/**
	 * A builder for a GET of {@code uri}; change the method with {@link Builder#method}.
	 */
	public static Builder builder(String uri) {
		return new Builder(URI.create(uri));
	}

	public static Builder builder(URI uri) {
		return new Builder(uri);
	}

	/** A builder starting from this request (another URI, say, for a redirect). */
	public Builder toBuilder() {
		Builder builder = new Builder(this.uri).method(this.method);
		builder.headers.addAll(this.headers);
		builder.body = this.body;
		return builder;
	}

	public String method() {
		return this.method;
	}

	public URI uri() {
		return this.uri;
	}

	/** The headers, in order. */
	public List<Header> headers() {
		return this.headers;
	}

	/** The body; empty for none. Not to be modified. */
	public byte[] body() {
		return this.body;
	}

	@Override
	public String toString() {
		return this.method + " " + this.uri;
	}

	/** Builds a {@link ClientRequest}; not thread-safe. */
	public static final class Builder {

		private String method = "GET";

		private URI uri;

		private final List<Header> headers = new ArrayList<>();

		private byte[] body = NO_BODY;

		private Builder(URI uri) {
			this.uri = uri;
		}

		/** The method, upper case by convention ({@code GET} by default). */
		public Builder method(String method) {
			if (method == null || method.isEmpty()) {
				throw new IllegalArgumentException("a request needs a method");
			}
			this.method = method;
			return this;
		}

		public Builder uri(URI uri) {
			this.uri = uri;
			return this;
		}

		/** Adds a header; the client checks names and values before sending. */
		public Builder header(String name, String value) {
			this.headers.add(new Header(name, value));
			return this;
		}

		/** Drops the headers added so far. */
		public Builder clearHeaders() {
			this.headers.clear();
			return this;
		}

		/** The body, sent with {@code Content-Length}. */
		public Builder body(String contentType, byte[] body) {
			if (contentType != null) {
				header("Content-Type", contentType);
			}
			this.body = body.clone();
			return this;
		}

		/** A text body, encoded as UTF-8. */
		public Builder body(String contentType, String body) {
			return body(contentType, body.getBytes(StandardCharsets.UTF_8));
		}

		public ClientRequest build() {
			if (this.uri == null) {
				throw new IllegalArgumentException("a request needs a URI");
			}
			return new ClientRequest(this);
		}

	}

}
