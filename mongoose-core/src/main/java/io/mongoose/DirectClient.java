package io.mongoose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests to a {@link Server}'s handlers without a socket, for tests: each request
 * is written to a fresh in-memory connection and goes through the same request parser,
 * dispatcher, handlers and reply writer as one from the network, so a malformed request
 * gets the same 400 and a router the same 405; the reply is read back by its framing. No
 * port is bound: the server needs no {@code listening_port}.
 *
 * <pre>{@code
 * Server server = Server.create(null);
 * server.addUriHandler("/hello", conn -> { conn.sendReply(200, "text/plain", "hi"); return Handler.Result.DONE; });
 * DirectClient client = DirectClient.of(server);
 * assertThat(client.get("/hello").text()).isEqualTo("hi");
 * }</pre> Threading: on a server no other thread polls, a request polls the server on the
 * calling thread until its reply is complete (so blocking handlers, async replies and
 * timers complete too), which makes that thread the server's IO thread; call it from one
 * thread, never from a handler. On a server another thread polls ({@link Server#start},
 * the Spring Boot starter) the request is handed to that thread and the caller waits.
 * Either way a reply that is not complete within the timeout (10 s unless
 * {@link #withTimeout}) is an {@link IllegalStateException} naming what arrived. The
 * connection reports 127.0.0.1, port 0, at both ends and is never TLS; accepting (the
 * connection limit, {@code access_control_list}) is not involved. {@link #webSocket}
 * opens a WebSocket the same way ({@link DirectWebSocket}).
 */
public final class DirectClient {

	/** A poll's longest wait: timers (timeouts) fire when a poll returns. */
	static final int POLL_MILLIS = 50;

	/** The headers {@link #webSocket(String, Map)} writes itself, or never sends. */
	private static final List<String> HANDSHAKE_HEADERS = List.of("Upgrade", "Connection", "Sec-WebSocket-Key",
			"Sec-WebSocket-Version", "Sec-WebSocket-Extensions");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Server server;

	private final Duration timeout;

	private DirectClient(Server server, Duration timeout) {
		this.server = server;
		this.timeout = timeout;
	}

	public static DirectClient of(Server server) {
		return new DirectClient(server, Duration.ofSeconds(10));
	}

	/** This client waiting up to {@code timeout} for each reply. */
	public DirectClient withTimeout(Duration timeout) {
		return new DirectClient(this.server, timeout);
	}

	/** {@code GET target}. */
	public Response get(String target) {
		return request("GET", target);
	}

	/** {@code method target} without a body ({@code HEAD}, {@code DELETE}, ...). */
	public Response request(String method, String target) {
		return request(method, target, Map.of(), (byte[]) null);
	}

	/** {@link #request(String, String, Map, byte[])} with a UTF-8 body. */
	public Response request(String method, String target, Map<String, String> headers, String body) {
		return request(method, target, headers, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null);
	}

	/**
	 * One HTTP/1.1 request. {@code Host: localhost} is added unless {@code headers} has a
	 * {@code Host}, and {@code Content-Length} for a body unless they frame it.
	 * @param body the body, or {@code null} for none
	 */
	public Response request(String method, String target, Map<String, String> headers, byte[] body) {
		return exchange(encode(method, target, headers, body), method.equals("HEAD"), null);
	}

	/** {@link #webSocket(String, Map)} without headers of the caller's. */
	public DirectWebSocket webSocket(String target) {
		return webSocket(target, Map.of());
	}

	/**
	 * Opens a WebSocket to {@code target} in memory through the server's own handshake: a
	 * {@code GET} with {@code Upgrade: websocket}, a fresh {@code Sec-WebSocket-Key} and
	 * version 13, plus {@code headers} ({@code Origin}, {@code Cookie},
	 * {@code Sec-WebSocket-Protocol}, ...). The {@code 101} is checked as a client checks
	 * it; no extension is offered. The socket follows this client's threading and
	 * timeout.
	 * @throws DirectWebSocket.RefusedException if the server answers anything but
	 * {@code 101} (no WebSocket handler there: 404; another site's {@code Origin}: 403),
	 * with that reply
	 * @throws IllegalArgumentException if {@code headers} name a header of the handshake
	 * itself ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key},
	 * {@code Sec-WebSocket-Version}) or offer an extension
	 */
	public DirectWebSocket webSocket(String target, Map<String, String> headers) {
		for (String name : headers.keySet()) {
			if (HANDSHAKE_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
				throw new IllegalArgumentException("DirectClient sets " + name
						+ " itself, and speaks no extension; for a handshake of your own use send(String)");
			}
		}
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		Map<String, String> upgrade = new LinkedHashMap<>(headers);
		upgrade.put("Upgrade", "websocket");
		upgrade.put("Connection", "Upgrade");
		upgrade.put("Sec-WebSocket-Key", key);
		upgrade.put("Sec-WebSocket-Version", "13");
		DirectWebSocket socket = new DirectWebSocket(this.server, this.timeout, target);
		Response response = exchange(encode("GET", target, upgrade, null), false, (end, unread, reply) -> this.server
			.openInMemoryWebSocket(end, unread, key, reply.headers(), socket.listener()));
		if (response.status() != 101) {
			throw new DirectWebSocket.RefusedException(target, response);
		}
		return socket.opened(response);
	}

	private static byte[] encode(String method, String target, Map<String, String> headers, byte[] body) {
		StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
			head.append("Host: localhost\r\n");
		}
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (body != null && headers.keySet()
			.stream()
			.noneMatch(
					(name) -> name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding"))) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
		return (body == null) ? headBytes
				: ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).array();
	}

	/**
	 * Sends {@code request} as it is (ISO-8859-1), for requests no well-behaved client
	 * would send, and reads one reply.
	 */
	public Response send(String request) {
		return exchange(request.getBytes(StandardCharsets.ISO_8859_1), request.startsWith("HEAD "), null);
	}

	/**
	 * @param upgrade what a {@code 101} hands its connection to, or {@code null}: no
	 * upgrade asked for
	 */
	private Response exchange(byte[] request, boolean head, Upgrade upgrade) {
		if (this.server.isDestroyed()) {
			throw new IllegalStateException("the server was destroyed");
		}
		Exchange exchange = new Exchange(request, new DirectReply(head), upgrade);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			if (this.server.mayPoll()) {
				exchange.start();
				while (!exchange.reply.isDone() && System.nanoTime() < deadline) {
					this.server
						.poll((int) Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
				}
			}
			else {
				this.server.execute(exchange::start);
			}
			return exchange.reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.server.execute(exchange::close);
			throw new IllegalStateException(
					"no complete reply within " + this.timeout + "; received: " + exchange.receivedSoFar(), ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the reply", ex);
		}
	}

	/** One request on its own in-memory connection; IO thread only. */
	private final class Exchange {

		private final byte[] request;

		private final DirectReply parser;

		private final Upgrade upgrade;

		final CompletableFuture<Response> reply = new CompletableFuture<>();

		private final ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);

		private ByteChannel channel;

		Exchange(byte[] request, DirectReply parser, Upgrade upgrade) {
			this.request = request;
			this.parser = parser;
			this.upgrade = upgrade;
		}

		void start() {
			try {
				this.channel = DirectClient.this.server.openInMemory(this::received);
				this.channel.write(ByteBuffer.wrap(this.request));
			}
			catch (IOException | RuntimeException ex) {
				this.reply.completeExceptionally(ex);
			}
		}

		/** The server wrote or closed: read what it wrote, complete once the reply is. */
		private void received() {
			if (this.reply.isDone()) {
				return;
			}
			try {
				int n;
				while ((n = this.channel.read(this.chunk.clear())) > 0) {
					this.parser.add(this.chunk.array(), n);
				}
				Response response = this.parser.complete(n < 0);
				if (response != null && this.upgrade != null && response.status() == 101) {
					// the connection is the new protocol's now: not closed
					this.upgrade.switched(this.channel, this.parser.afterHead(), response);
					this.reply.complete(response);
				}
				else if (response != null) {
					this.reply.complete(response);
					close();
				}
			}
			catch (IOException ex) {
				this.reply.completeExceptionally(new UncheckedIOException(ex));
			}
			catch (RuntimeException ex) {
				this.reply.completeExceptionally(ex);
				close();
			}
		}

		/** Ends the client's side, as closing its socket would. */
		void close() {
			if (this.channel != null) {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

		/** What arrived so far, for the timeout's message. */
		String receivedSoFar() {
			return this.parser.toString();
		}

	}

	/** What an upgrade does with its connection after the {@code 101}; IO thread. */
	@FunctionalInterface
	private interface Upgrade {

		void switched(ByteChannel end, byte[] unread, Response response);

	}

	/**
	 * A reply as received: the status, the headers in order (names as the server wrote
	 * them) and the body, de-chunked.
	 */
	public record Response(int status, List<Header> headers, byte[] body) {

		/** The first value of the header {@code name} (any case), or {@code null}. */
		public String header(String name) {
			for (Header header : this.headers) {
				if (header.name().equalsIgnoreCase(name)) {
					return header.value();
				}
			}
			return null;
		}

		/** The body in UTF-8. */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
