package io.mongoose;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A complete response to a {@link ClientRequest}: status, headers as received and the
 * whole body (de-chunked). Immutable.
 */
public final class ClientResponse {

	private final URI uri;

	private final int status;

	private final String reason;

	private final List<Header> headers;

	private final byte[] body;

	ClientResponse(URI uri, int status, String reason, List<Header> headers, byte[] body) {
		this.uri = uri;
		this.status = status;
		this.reason = reason;
		this.headers = List.copyOf(headers);
		this.body = body;
	}

	/** The URI that answered: the request's, or the last redirect's target. */
	public URI uri() {
		return this.uri;
	}

	public int status() {
		return this.status;
	}

	/** The reason phrase of the status line; may be empty. */
	public String reason() {
		return this.reason;
	}

	/** The headers in the order received; names keep their case. */
	public List<Header> headers() {
		return this.headers;
	}

	/** The first value of the header {@code name} (any case), or {@code null}. */
	public String header(String name) {
		for (Header header : this.headers) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

	/** The body; empty for none (HEAD, 204, 304). Not to be modified. */
	public byte[] body() {
		return this.body;
	}

	/** The body decoded as UTF-8. */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.status + " " + this.reason + " from " + this.uri;
	}

}
