package io.mongoose;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLContext;

import io.mongoose.client.ClientEngine;
import io.mongoose.client.ClientSettings;
import io.mongoose.client.RawResponse;

/**
 * An outbound HTTP/1.1 and WebSocket client on a server's IO thread: connecting, TLS,
 * reading and timeouts happen in the server's loop, host names are resolved on a small
 * resolver thread, and nothing blocks. Responses are read with the server's own parser
 * rules. Connections to an origin are kept alive and reused (a few per origin), at most
 * {@link Builder#maxConnectionsPerOrigin} open at once; further requests wait for one in
 * a bounded queue. Redirects are not followed unless asked for.
 * <p>
 * The stages complete on the IO thread, so a handler may call an upstream and reply from
 * the completion through {@link Connection#suspend()}: <pre>{@code
 * Client client = Client.create(server);
 * server.addUriHandler("/proxy", conn -> {
 *     AsyncReply reply = conn.suspend();
 *     client.send(ClientRequest.get("http://upstream:8080/data"))
 *         .whenComplete((response, failure) -> reply.complete(failure == null
 *             ? response.status() : 502, "text/plain",
 *             failure == null ? response.bodyAsString() : failure.getMessage()));
 *     return Handler.Result.DONE;
 * });
 * }</pre> Continuations added without {@code Async} run on the IO thread and must not
 * block; use the {@code ...Async} variants for blocking work. Safe to use from any
 * thread. A server that is closed fails new requests at once, and closing it fails every
 * request not answered yet (queued, connecting or waiting for its response) with an
 * {@link java.io.IOException} saying the server closed: no stage is left pending.
 */
public final class Client {

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final ClientEngine engine;

	private final int maxRedirects;

	private Client(ClientEngine engine, int maxRedirects) {
		this.engine = engine;
		this.maxRedirects = maxRedirects;
	}

	/** A client with the defaults on {@code server}'s IO thread. */
	public static Client create(Server server) {
		return builder(server).build();
	}

	public static Builder builder(Server server) {
		return new Builder(server);
	}

	/**
	 * Sends {@code request}; the stage completes with the whole response, or
	 * exceptionally with an {@link java.io.IOException} saying what failed (connect, TLS,
	 * a timeout, a malformed or oversized response).
	 */
	public CompletionStage<ClientResponse> send(ClientRequest request) {
		return send(request, this.maxRedirects);
	}

	/** A GET of {@code uri}. */
	public CompletionStage<ClientResponse> get(String uri) {
		return send(ClientRequest.get(uri));
	}

	private CompletionStage<ClientResponse> send(ClientRequest request, int redirectsLeft) {
		CompletableFuture<RawResponse> raw = this.engine.send(request);
		return raw.thenCompose((response) -> {
			String location = response.header("Location");
			if (redirectsLeft > 0 && location != null && REDIRECTS.contains(response.status())
					&& !isDowngrade(request.uri(), request.uri().resolve(location))) {
				return send(redirect(request, response.status(), location), redirectsLeft - 1);
			}
			return CompletableFuture.completedFuture(new ClientResponse(request.uri(), response.status(),
					response.reason(), response.headers(), response.body()));
		});
	}

	/** Never from {@code https} to {@code http}: the redirect is the answer then. */
	private static boolean isDowngrade(URI from, URI to) {
		return "https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme());
	}

	/**
	 * 303, and 301/302 after a POST, become a GET without a body (RFC 9110 §15.4);
	 * credentials and cookies are not sent to another origin.
	 */
	private static ClientRequest redirect(ClientRequest request, int status, String location) {
		URI target = request.uri().resolve(location);
		boolean toGet = status == 303 || ((status == 301 || status == 302) && request.method().equals("POST"));
		boolean sameOrigin = target.getScheme().equalsIgnoreCase(request.uri().getScheme()) && target.getHost() != null
				&& target.getHost().equalsIgnoreCase(request.uri().getHost())
				&& target.getPort() == request.uri().getPort();
		ClientRequest.Builder next = toGet ? ClientRequest.builder(target) : request.toBuilder().uri(target);
		if (toGet || !sameOrigin) {
			next.clearHeaders();
			for (Header header : request.headers()) {
				String name = header.name();
				boolean body = toGet && name.equalsIgnoreCase("Content-Type");
				boolean credentials = !sameOrigin
						&& (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
				if (!body && !credentials) {
					next.header(name, header.value());
				}
			}
		}
		return next.build();
	}

	/**
	 * Opens a WebSocket to a {@code ws} or {@code wss} URI; the stage completes once the
	 * server accepted the handshake ({@code 101} with the right
	 * {@code Sec-WebSocket-Accept}), or exceptionally saying why not.
	 */
	public CompletionStage<ClientWebSocket> webSocket(String uri, ClientWebSocket.Listener listener) {
		return this.engine.webSocket(URI.create(uri), listener);
	}

	/** Configures a {@link Client}; not thread-safe. */
	public static final class Builder {

		private final Server server;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(30);

		private Duration idleTimeout = Duration.ofSeconds(30);

		private int maxHeadSize = 16 * 1024;

		private long maxBodySize = 8L * 1024 * 1024;

		private int maxIdlePerOrigin = 4;

		private int maxConnectionsPerOrigin = 32;

		private int maxQueuedPerOrigin = 1024;

		private int maxRedirects;

		private Path trustFile;

		private SSLContext sslContext;

		private Builder(Server server) {
			this.server = server;
		}

		/**
		 * Time to resolve the name and connect (10 s); the TLS handshake counts in the
		 * response timeout. Also the longest a request waits for a connection when the
		 * origin's are all busy ({@link #maxConnectionsPerOrigin}); a connect that
		 * follows the wait has its own.
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		/** Time from sending the request to the response's head (30 s). */
		public Builder responseTimeout(Duration timeout) {
			this.responseTimeout = timeout;
			return this;
		}

		/**
		 * Longest silence while a body arrives, and how long an unused kept-alive
		 * connection stays open (30 s).
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = timeout;
			return this;
		}

		/** Largest response head (status line and headers), 16 KiB. */
		public Builder maxHeadSize(int bytes) {
			this.maxHeadSize = bytes;
			return this;
		}

		/** Largest response body, and largest WebSocket message, 8 MiB. */
		public Builder maxBodySize(long bytes) {
			this.maxBodySize = bytes;
			return this;
		}

		/** Idle connections kept per origin for reuse (4); 0 closes each after use. */
		public Builder maxIdlePerOrigin(int connections) {
			this.maxIdlePerOrigin = connections;
			return this;
		}

		/**
		 * Connections open at a time per origin (32), busy or idle; WebSockets are not
		 * counted. A request that finds them all busy waits for the first one free (or a
		 * new one when one closes), in order of arrival.
		 */
		public Builder maxConnectionsPerOrigin(int connections) {
			this.maxConnectionsPerOrigin = connections;
			return this;
		}

		/**
		 * Requests that may wait per origin for a connection (1024); one more fails at
		 * once with an {@link java.io.IOException} saying so.
		 */
		public Builder maxQueuedPerOrigin(int requests) {
			this.maxQueuedPerOrigin = requests;
			return this;
		}

		/** Follows up to {@code max} redirects (0, the default: none). */
		public Builder followRedirects(int max) {
			this.maxRedirects = max;
			return this;
		}

		/**
		 * Trusts exactly the certificates in a PEM file for {@code https} and {@code wss}
		 * (default: the JDK's trusted authorities).
		 */
		public Builder trust(Path pemFile) {
			this.trustFile = pemFile;
			return this;
		}

		/** Trusts (and presents) what {@code context} holds, instead of a PEM file. */
		public Builder sslContext(SSLContext context) {
			this.sslContext = context;
			return this;
		}

		/**
		 * @throws IllegalArgumentException for a negative limit, fewer than one
		 * connection per origin or an unreadable trust file
		 */
		public Client build() {
			ClientSettings settings = new ClientSettings(this.connectTimeout.toMillis(),
					this.responseTimeout.toMillis(), this.idleTimeout.toMillis(), this.maxHeadSize, this.maxBodySize,
					this.maxIdlePerOrigin, this.maxConnectionsPerOrigin, this.maxQueuedPerOrigin, this.trustFile,
					this.sslContext);
			return new Client(new ClientEngine(this.server.eventManager(), settings), this.maxRedirects);
		}

	}

}
