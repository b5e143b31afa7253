package io.mongoose.client;

import java.util.List;

import io.mongoose.Header;

/** A response as read off a connection, before the API wraps it. */
public record RawResponse(int status, String reason, List<Header> headers, byte[] body) {

	/** The first value of {@code name} (any case), or {@code null}. */
	public String header(String name) {
		for (Header header : this.headers) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

}
