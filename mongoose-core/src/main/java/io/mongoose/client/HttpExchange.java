package io.mongoose.client;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.mongoose.ClientRequest;

/**
 * An HTTP request: completes its stage with the response and hands the connection back to
 * the pool when it may carry another request.
 */
final class HttpExchange extends Exchange {

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

	private final ClientRequest request;

	private final CompletableFuture<RawResponse> result;

	private boolean retried;

	HttpExchange(Origin origin, ClientRequest request, CompletableFuture<RawResponse> result) {
		super(origin, RequestHead.encode(request, origin));
		this.request = request;
		this.result = result;
	}

	@Override
	ResponseReader newReader(ClientSettings settings) {
		return new ResponseReader(settings, this.request.method().equals("HEAD"), false);
	}

	@Override
	boolean pooled() {
		return true;
	}

	@Override
	boolean retryable() {
		if (this.retried || !IDEMPOTENT.contains(this.request.method())) {
			return false;
		}
		this.retried = true;
		return true;
	}

	@Override
	void onResponse(ClientConnection connection, RawResponse response) {
		connection.release();
		this.result.complete(response);
	}

	@Override
	void fail(IOException failure) {
		this.result.completeExceptionally(failure);
	}

	@Override
	public String toString() {
		return this.request.toString();
	}

}
