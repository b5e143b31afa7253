package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.mongoose.test.RawHttp;

/**
 * {@link BodyHandler}: bodies taken as they arrive, over real sockets, with the receive
 * buffer ({@code max_request_size}) as the only memory a body holds in the server.
 */
class StreamingBodyTest {

	private static final int BUFFER = 16384;

	/**
	 * Digests the body piece by piece and answers with the digest, the length and the
	 * largest piece; optionally pauses after the first piece.
	 */
	static class Digesting implements BodyHandler {

		final long max;

		final boolean blocking;

		final CompletableFuture<BodyStream> paused;

		final AtomicInteger largestPiece = new AtomicInteger();

		final CountDownLatch aborted = new CountDownLatch(1);

		final AtomicReference<String> pieceThread = new AtomicReference<>();

		Digesting(long max, boolean blocking, CompletableFuture<BodyStream> paused) {
			this.max = max;
			this.blocking = blocking;
			this.paused = paused;
		}

		@Override
		public long maxBodySize() {
			return this.max;
		}

		@Override
		public boolean isBlocking() {
			return this.blocking;
		}

		@Override
		public Result handle(Connection c) {
			c.sendReply(200, "text/plain", "no body");
			return Result.DONE;
		}

		@Override
		public boolean onBodyChunk(BodyStream body, ByteBuffer data) throws Exception {
			if (body.attachment() == null) {
				body.attach(MessageDigest.getInstance("SHA-256"));
			}
			this.largestPiece.accumulateAndGet(data.remaining(), Math::max);
			this.pieceThread.set(Thread.currentThread().getName());
			((MessageDigest) body.attachment()).update(data);
			if (this.paused != null && !this.paused.isDone()) {
				this.paused.complete(body);
				return false;
			}
			return true;
		}

		@Override
		public Result onBodyEnd(BodyStream body) throws Exception {
			MessageDigest digest = (MessageDigest) body.attachment();
			String hex = (digest == null) ? "none" : HexFormat.of().formatHex(digest.digest());
			body.connection().sendReply(200, "text/plain", hex + " " + body.received());
			return Result.DONE;
		}

		@Override
		public void onBodyAborted(BodyStream body) {
			this.aborted.countDown();
		}

	}

	static byte[] random(int n) {
		byte[] data = new byte[n];
		new Random(n).nextBytes(data);
		return data;
	}

	static String digest(byte[] data) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
	}

	@Test
	void bodiesMuchLargerThanTheBuffersArriveInBoundedPiecesChunkedOrNot() throws Exception {
		Digesting handler = new Digesting(64L << 20, false, null);
		byte[] body = random(8 << 20);
		try (RunningServer rs = RunningServer.start(s -> {
			// a buffered body of this size would be a 413 (and a 503 over the budget)
			assertThat(s.setOption("max_body_size", "65536")).isNull();
			assertThat(s.setOption("max_buffered_bytes", "1048576")).isNull();
			s.addUriHandler("/in", handler);
		})) {
			HttpResponse<String> sized = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/in")))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(sized.body()).isEqualTo(digest(body) + " " + body.length);
			// a publisher of unknown length: the JDK client sends it chunked
			HttpResponse<String> chunked = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/in")))
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(chunked.statusCode()).isEqualTo(200);
			assertThat(chunked.body()).isEqualTo(digest(body) + " " + body.length);
			assertThat(handler.largestPiece.get()).isLessThanOrEqualTo(BUFFER);
			assertThat(rs.get("/in").body()).as("a request without a body gets handle").isEqualTo("no body");
		}
	}

	@Test
	void aChunkLargerThanTheBufferWithExtensionsAndTrailersIsDecodedAsItArrives() throws Exception {
		Digesting handler = new Digesting(64L << 20, false, null);
		byte[] big = random(1 << 20);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", handler));
				Socket socket = new Socket("127.0.0.1", rs.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ Integer.toHexString(big.length) + ";name=\"v\"\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(big);
			out.write("\r\n3\r\nabc\r\n0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] whole = new byte[big.length + 3];
			System.arraycopy(big, 0, whole, 0, big.length);
			System.arraycopy("abc".getBytes(StandardCharsets.US_ASCII), 0, whole, big.length, 3);
			RawHttp.Response reply = readReply(socket);
			assertThat(reply.text()).isEqualTo(digest(whole) + " " + whole.length);
			// the connection is kept: the next request on it is served
			out.write("GET /in HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readReply(socket).text()).isEqualTo("no body");
		}
	}

	@Test
	void aPausedHandlerStopsTheReadingSoTheClientsWritesBlockUntilItResumes() throws Exception {
		CompletableFuture<BodyStream> paused = new CompletableFuture<>();
		Digesting handler = new Digesting(1L << 30, false, paused);
		int length = 32 << 20; // far more than the socket buffers of both ends hold
		byte[] body = random(length);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", handler));
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", rs.port()));
				Selector selector = Selector.open()) {
			channel.configureBlocking(false);
			ByteBuffer out = ByteBuffer.allocate(length + 100);
			out.put(("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.put(body).flip();
			SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
			// write until the socket has taken nothing for a second: only the kernel's
			// buffers drain it while the handler is paused, so that point comes
			while (out.hasRemaining()) {
				channel.write(out);
				if (selector.select(1000) == 0) {
					break;
				}
				selector.selectedKeys().clear();
			}
			BodyStream stream = paused.get(10, TimeUnit.SECONDS);
			assertThat(out.hasRemaining()).as("the client could not send the whole body").isTrue();
			assertThat(stream.received()).as("the handler holds one piece").isLessThanOrEqualTo(BUFFER);
			long unsent = out.remaining();
			assertThat(unsent).isGreaterThan(length / 2);
			key.cancel();
			selector.selectNow();
			new Thread(stream::resume).start(); // from any thread
			channel.configureBlocking(true);
			while (out.hasRemaining()) {
				channel.write(out);
			}
			Socket socket = channel.socket();
			socket.setSoTimeout(30_000);
			assertThat(readReply(socket).text()).isEqualTo(digest(body) + " " + length);
		}
	}

	@Test
	void aBodyOverTheHandlersLimitIs413AtTheHeadOrWhenItGrowsPastIt() throws Exception {
		Digesting handler = new Digesting(100_000, false, null);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", handler))) {
			try (RawHttp http = new RawHttp(rs.port())) {
				http.sendRaw("PUT /in HTTP/1.1\r\nHost: x\r\nContent-Length: 100001\r\nExpect: 100-continue\r\n\r\n");
				RawHttp.Response refused = http.read(false);
				assertThat(refused.status()).as("no 100 Continue before it").isEqualTo(413);
				assertThat(http.closedByServer()).isTrue();
			}
			assertThat(handler.aborted.getCount()).as("a body never started is not aborted").isEqualTo(1);
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				socket.setSoTimeout(10_000);
				ByteArrayOutputStream request = new ByteArrayOutputStream();
				request.writeBytes("PUT /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				// 13 chunks of 8000 bytes, just past the limit, in one write
				for (int i = 0; i < 13; i++) {
					request.writeBytes("1f40\r\n".getBytes(StandardCharsets.US_ASCII));
					request.writeBytes(new byte[8000]);
					request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				// the server may refuse and close before the last bytes are written: the
				// writer's broken pipe is expected, the 413 before it must arrive
				CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
					try {
						socket.getOutputStream().write(request.toByteArray());
					}
					catch (IOException closedByTheServer) {
						// the refusal is what the test reads
					}
				});
				assertThat(readReply(socket).status()).isEqualTo(413);
				writer.get(10, TimeUnit.SECONDS);
			}
			assertThat(handler.aborted.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(rs.get("/in").body()).as("others are served").isEqualTo("no body");
		}
	}

	@Test
	void aClientThatLeavesMidBodyAbortsIt() throws Exception {
		Digesting handler = new Digesting(1L << 30, false, null);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", handler))) {
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				OutputStream out = socket.getOutputStream();
				out.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.write(new byte[300_000]);
				out.flush();
			}
			assertThat(handler.aborted.await(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aHandlerThatAnswersMidBodyEndsTheRequestAndTheConnection() throws Exception {
		CountDownLatch aborted = new CountDownLatch(1);
		BodyHandler refusing = new BodyHandler() {

			@Override
			public long maxBodySize() {
				return Long.MAX_VALUE;
			}

			@Override
			public Result handle(Connection c) {
				return Result.NOT_HANDLED;
			}

			@Override
			public boolean onBodyChunk(BodyStream body, ByteBuffer data) {
				body.connection().sendReply(403, "text/plain", "not this body\n");
				return true;
			}

			@Override
			public Result onBodyEnd(BodyStream body) {
				throw new AssertionError("the body never ends");
			}

			@Override
			public void onBodyAborted(BodyStream body) {
				aborted.countDown();
			}

		};
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", refusing));
				Socket socket = new Socket("127.0.0.1", rs.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[1000]);
			out.flush();
			RawHttp.Response reply = readReply(socket);
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.header("Connection")).isEqualTo("close");
			assertThat(socket.getInputStream().read()).as("closed after the reply").isEqualTo(-1);
			assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
			// a small rest is read before the close, so the answer is never lost to a
			// reset
			HttpResponse<String> small = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/in")))
					.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[60_000]))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(small.statusCode()).isEqualTo(403);
			assertThat(small.body()).isEqualTo("not this body\n");
		}
	}

	@Test
	void aBlockingHandlerGetsItsPiecesOnAWorker() throws Exception {
		Digesting handler = new Digesting(64L << 20, true, null);
		byte[] body = random(3 << 20);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/in", handler))) {
			HttpResponse<String> reply = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/in")))
					.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(reply.body()).isEqualTo(digest(body) + " " + body.length);
			assertThat(handler.pieceThread.get()).startsWith("mongoose-worker-");
		}
	}

	@Test
	void aRefusedUploadGets401BeforeAny100ContinueAndItsBodyIsNotRead() throws Exception {
		Digesting handler = new Digesting(1L << 30, false, null);
		try (RunningServer rs = RunningServer.start(s -> {
			s.addUriHandler("/in", handler);
			s.setAuthHandler(c -> {
				c.sendReply(401, "text/plain", "who are you?\n");
				return Handler.Result.DONE;
			});
		}); RawHttp http = new RawHttp(rs.port())) {
			http.sendRaw("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\nExpect: 100-continue\r\n\r\n");
			RawHttp.Response refused = http.read(false);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(http.closedByServer()).isTrue();
			assertThat(handler.largestPiece.get()).as("the handler saw no byte").isZero();
		}
	}

	static RawHttp.Response readReply(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed after " + head);
			}
			head.append((char) b);
		}
		String[] lines = head.toString().split("\r\n");
		java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		String length = headers.get("content-length");
		byte[] body = (length == null) ? new byte[0] : in.readNBytes(Integer.parseInt(length));
		return new RawHttp.Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
	}

}
