package io.mongoose.http;

import java.util.ArrayList;
import java.util.List;

import io.mongoose.Header;

/**
 * One parsed request head, reused for every request of a connection.
 */
final class Request {

	String method;

	/** Decoded, normalised path. */
	String path;

	String query;

	/** 10 for HTTP/1.0, 11 for HTTP/1.1. */
	int version;

	final ArrayList<Header> headers = new ArrayList<>(8);

	/** Bytes of the head including the blank line, counted from the start of the buffer. */
	int headLength;

	/** -1 when the request has no Content-Length. */
	long contentLength;

	boolean chunked;

	void reset() {
		this.method = null;
		this.path = null;
		this.query = null;
		this.version = 0;
		this.headers.clear();
		this.headLength = 0;
		this.contentLength = -1;
		this.chunked = false;
	}

	String header(String name) {
		List<Header> list = this.headers;
		for (int i = 0, n = list.size(); i < n; i++) {
			Header header = list.get(i);
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

	/** Whether a comma-separated header (such as Connection) holds {@code token}. */
	boolean headerHasToken(String name, String token) {
		List<Header> list = this.headers;
		for (int i = 0, n = list.size(); i < n; i++) {
			Header header = list.get(i);
			if (header.name().equalsIgnoreCase(name) && Tokens.contains(header.value(), token)) {
				return true;
			}
		}
		return false;
	}

	boolean hasBody() {
		return this.chunked || this.contentLength > 0;
	}

	String versionText() {
		return (this.version == 10) ? "1.0" : "1.1";
	}

}
