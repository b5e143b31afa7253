package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;

/**
 * Compression of handler replies ({@code compression=yes}) over real sockets: whole
 * {@link Reply} values and {@code sendReply} compressed before they are framed (so
 * {@code Content-Length} is the compressed length), streamed bodies compressed chunk by
 * chunk as they are written; decided by type, size, {@code Accept-Encoding}, status,
 * {@code Range}, {@code HEAD} and HTTP/1.0. The JDK client does not decompress, so every
 * body is gunzipped (or inflated) here.
 */
class CompressionTest {

	/** Text of 10,000 bytes: above the default minimum of 2,048. */
	private static final String BIG = "compressible text, ".repeat(500) + "end";

	private static final CountDownLatch release = new CountDownLatch(1);

	private static RunningServer server;

	private static RunningServer plain;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(s -> {
			check(s.setOption("compression", "yes"));
			handlers(s);
		});
		plain = RunningServer.start(CompressionTest::handlers);
	}

	private static void handlers(Server s) {
		s.addUriHandler("/reply", c -> {
			c.send(Reply.of(200).header("ETag", "\"v1\"").body("text/html; charset=utf-8", BIG));
			return Result.DONE;
		});
		s.addUriHandler("/small", c -> {
			c.send(Reply.of(200).body("text/plain", "short"));
			return Result.DONE;
		});
		s.addUriHandler("/png", c -> {
			c.send(Reply.of(200).body("image/png", BIG.getBytes(StandardCharsets.UTF_8)));
			return Result.DONE;
		});
		s.addUriHandler("/encoded", c -> {
			c.send(Reply.of(200).header("Content-Encoding", "br").body("text/plain", BIG));
			return Result.DONE;
		});
		s.addUriHandler("/json", c -> {
			c.sendReply(200, "application/json", "[" + "\"item\",".repeat(1000) + "\"last\"]");
			return Result.DONE;
		});
		s.addUriHandler("/created", c -> {
			c.sendReply(201, "text/plain", BIG);
			return Result.DONE;
		});
		s.addUriHandler("/partial", c -> {
			c.send(Reply.of(206).header("Content-Range", "bytes 0-9999/20000").body("text/plain", BIG));
			return Result.DONE;
		});
		s.addUriHandler("/stream", c -> {
			c.sendStatus(200).sendHeader("Content-Type", "text/plain; charset=utf-8");
			for (int i = 0; i < 100; i++) {
				c.printfData("line %d of a streamed reply\n", i);
			}
			return Result.DONE;
		});
		s.addUriHandler("/declared", c -> {
			byte[] body = BIG.getBytes(StandardCharsets.UTF_8);
			c.sendStatus(200)
				.sendHeader("Content-Type", "text/plain")
				.sendHeader("Content-Length", Integer.toString(body.length))
				.sendHeader("ETag", "W/\"d1\"");
			c.sendData(java.util.Arrays.copyOfRange(body, 0, 4000));
			c.sendData(java.util.Arrays.copyOfRange(body, 4000, body.length));
			return Result.DONE;
		});
		s.addUriHandler("/declared-small", c -> {
			c.sendStatus(200).sendHeader("Content-Type", "text/plain").sendHeader("Content-Length", "5");
			c.sendData("small");
			return Result.DONE;
		});
		s.addUriHandler("/long", new Handler() {
			private boolean first = true;

			@Override
			public Result handle(Connection c) {
				if (this.first) {
					this.first = false;
					c.sendStatus(200).sendHeader("Content-Type", "text/plain");
					c.sendData("part one;");
					return Result.CALL_AGAIN;
				}
				if (release.getCount() > 0) {
					return Result.CALL_AGAIN; // polled again until the test has read part
												// one
				}
				c.sendData("part two.");
				return Result.DONE;
			}
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
		plain.close();
	}

	@Test
	void wholeReplyIsGzippedWithTheCompressedLengthAndASuffixedEtag() throws Exception {
		HttpResponse<byte[]> r = get(server, "/reply", "gzip, deflate, br");
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
		assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(r.headers().firstValue("ETag")).hasValue("\"v1-gzip\"");
		assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
		assertThat(r.body().length).isLessThan(BIG.length() / 10);
		assertThat(gunzip(r.body())).isEqualTo(BIG);
	}

	@Test
	void offByDefault() throws Exception {
		HttpResponse<byte[]> r = get(plain, "/reply", "gzip");
		assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(r.headers().firstValue("Vary")).isEmpty();
		assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(BIG);
	}

	@Test
	void identityWithoutAcceptEncodingStillSaysVary() throws Exception {
		HttpResponse<byte[]> r = get(server, "/reply", null);
		assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(r.headers().allValues("Vary")).containsExactly("Accept-Encoding");
		assertThat(r.headers().firstValue("ETag")).hasValue("\"v1\"");
		assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(BIG);
	}

	@Test
	void acceptEncodingWeights() throws Exception {
		assertThat(encoding(get(server, "/reply", "gzip;q=0"))).isNull();
		assertThat(encoding(get(server, "/reply", "gzip;q=0, identity"))).isNull();
		assertThat(encoding(get(server, "/reply", "br"))).isNull();
		assertThat(encoding(get(server, "/reply", "*"))).isEqualTo("gzip");
		assertThat(encoding(get(server, "/reply", "*;q=0.5, gzip;q=0"))).isEqualTo("deflate");
		assertThat(encoding(get(server, "/reply", "gzip;q=0.5, deflate;q=0.8"))).isEqualTo("deflate");
		assertThat(encoding(get(server, "/reply", "identity;q=0, x-gzip"))).isEqualTo("gzip");
	}

	@Test
	void deflateOnlyIsTheZlibFormat() throws Exception {
		HttpResponse<byte[]> r = get(server, "/json", "deflate");
		assertThat(encoding(r)).isEqualTo("deflate");
		assertThat(new String(new InflaterInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
				StandardCharsets.UTF_8))
			.startsWith("[\"item\",")
			.endsWith("\"last\"]");
	}

	@Test
	void notBelowTheMinimumSizeNorForOtherTypes() throws Exception {
		HttpResponse<byte[]> small = get(server, "/small", "gzip");
		assertThat(encoding(small)).isNull();
		assertThat(small.headers().firstValue("Vary")).isEmpty();
		assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("short");
		HttpResponse<byte[]> png = get(server, "/png", "gzip");
		assertThat(encoding(png)).isNull();
		assertThat(png.headers().firstValue("Vary")).isEmpty();
		assertThat(png.body()).hasSize(BIG.length());
	}

	@Test
	void neverTwiceNorForRangesNorPartialReplies() throws Exception {
		RawHttp.Response encoded = RawHttp.request(server.port(), "GET", "/encoded", "Accept-Encoding: gzip");
		assertThat(encoded.header("Content-Encoding")).isEqualTo("br");
		assertThat(encoded.text()).isEqualTo(BIG);
		RawHttp.Response ranged = RawHttp.request(server.port(), "GET", "/reply", "Accept-Encoding: gzip",
				"Range: bytes=0-99");
		assertThat(ranged.header("Content-Encoding")).isNull();
		assertThat(ranged.text()).isEqualTo(BIG);
		RawHttp.Response partial = RawHttp.request(server.port(), "GET", "/partial", "Accept-Encoding: gzip");
		assertThat(partial.status()).isEqualTo(206);
		assertThat(partial.header("Content-Encoding")).isNull();
		RawHttp.Response created = RawHttp.request(server.port(), "GET", "/created", "Accept-Encoding: gzip");
		assertThat(created.status()).isEqualTo(201);
		assertThat(gunzip(created.body())).isEqualTo(BIG);
	}

	@Test
	void headReportsTheHeadersOfGetWithoutABody() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response get = http.send("GET", "/reply", "Accept-Encoding: gzip");
			RawHttp.Response head = http.send("HEAD", "/reply", "Accept-Encoding: gzip");
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
			assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
			assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
			assertThat(head.header("Vary")).isEqualTo("Accept-Encoding");
			// the connection is still in step: HEAD sent no body
			assertThat(gunzip(http.send("GET", "/reply", "Accept-Encoding: gzip").body())).isEqualTo(BIG);
		}
	}

	@Test
	void streamedReplyIsChunkedAndCompressed() throws Exception {
		RawHttp.Response r = RawHttp.request(server.port(), "GET", "/stream", "Accept-Encoding: gzip");
		assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(r.header("Content-Length")).isNull();
		assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			expected.append("line ").append(i).append(" of a streamed reply\n");
		}
		assertThat(gunzip(r.body())).isEqualTo(expected.toString());
		RawHttp.Response identity = RawHttp.request(server.port(), "GET", "/stream");
		assertThat(identity.header("Content-Encoding")).isNull();
		assertThat(identity.text()).isEqualTo(expected.toString());
	}

	@Test
	void declaredLengthBecomesChunkedWhenCompressed() throws Exception {
		RawHttp.Response r = RawHttp.request(server.port(), "GET", "/declared", "Accept-Encoding: gzip");
		assertThat(r.header("Content-Length")).isNull();
		assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(r.header("ETag")).isEqualTo("W/\"d1-gzip\"");
		assertThat(gunzip(r.body())).isEqualTo(BIG);
		RawHttp.Response identity = RawHttp.request(server.port(), "GET", "/declared");
		assertThat(identity.header("Content-Length")).isEqualTo(Integer.toString(BIG.length()));
		assertThat(identity.header("ETag")).isEqualTo("W/\"d1\"");
		assertThat(identity.text()).isEqualTo(BIG);
		RawHttp.Response small = RawHttp.request(server.port(), "GET", "/declared-small", "Accept-Encoding: gzip");
		assertThat(small.header("Content-Length")).isEqualTo("5");
		assertThat(small.header("Content-Encoding")).isNull();
		assertThat(small.text()).isEqualTo("small");
	}

	/**
	 * What a long-running handler wrote reaches the client decompressible before the
	 * handler writes more: each write is flushed through the compressor.
	 */
	@Test
	void eachWriteIsFlushedAsItStreams() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET /long HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			assertThat(head).contains("\r\nContent-Encoding: gzip\r\n").contains("\r\nTransfer-Encoding: chunked\r\n");
			byte[] first = readChunk(in);
			assertThat(inflatePartialGzip(first)).isEqualTo("part one;");
			release.countDown();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			all.write(first);
			for (byte[] chunk = readChunk(in); chunk.length > 0; chunk = readChunk(in)) {
				all.write(chunk);
			}
			assertThat(gunzip(all.toByteArray())).isEqualTo("part one;part two.");
		}
	}

	@Test
	void http10KeepAliveGetsIdentityForStreamsAndGzipForWholeReplies() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\nAccept-Encoding: gzip\r\n\r\n");
			RawHttp.Response streamed = http.read(false); // close-delimited, as HTTP/1.0
															// streams are
			assertThat(streamed.header("Content-Encoding")).isNull();
			assertThat(streamed.text()).endsWith("line 99 of a streamed reply\n");
		}
		try (RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("GET /reply HTTP/1.0\r\nConnection: keep-alive\r\nAccept-Encoding: gzip\r\n\r\n");
			RawHttp.Response whole = http.read(false);
			assertThat(whole.header("Content-Encoding")).isEqualTo("gzip");
			assertThat(whole.header("Connection")).isEqualTo("keep-alive");
			assertThat(gunzip(whole.body())).isEqualTo(BIG);
		}
		try (RawHttp http = new RawHttp(server.port())) {
			http.sendRaw("GET /stream HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n");
			RawHttp.Response closeDelimited = http.read(false);
			assertThat(closeDelimited.header("Content-Encoding")).isEqualTo("gzip");
			assertThat(closeDelimited.header("Content-Length")).isNull();
			assertThat(gunzip(closeDelimited.body())).startsWith("line 0 of").endsWith("line 99 of a streamed reply\n");
		}
	}

	@Test
	void curlDecompresses() throws Exception {
		Process curl = new ProcessBuilder("curl", "-s", "--compressed", "-D", "-", server.url("/reply"))
			.redirectErrorStream(true)
			.start();
		String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor()).isZero();
		assertThat(out).containsIgnoringCase("Content-Encoding: gzip").endsWith(BIG);
	}

	@Test
	void optionsAreChecked() {
		assertThat(Option.named("compression").check("maybe")).contains("expected yes or no");
		assertThat(Option.named("compression_mime_types").check("text/html,nonsense"))
			.contains("compression_mime_types")
			.contains("nonsense");
		assertThat(Option.named("compression_mime_types").check("text/*, application/json")).isNull();
		assertThat(Option.named("compression_min_size").check("0")).contains("positive");
		assertThat(server.server().getOption("compression_min_size")).isEqualTo("2048");
		assertThat(server.server().getOption("compression_mime_types")).contains("text/html", "application/json",
				"image/svg+xml");
	}

	@Test
	void wildcardTypesAndAMinimumOfOneByte() throws Exception {
		try (RunningServer custom = RunningServer.start(s -> {
			check(s.setOption("compression", "yes"));
			check(s.setOption("compression_mime_types", "image/*"));
			check(s.setOption("compression_min_size", "1"));
			handlers(s);
		})) {
			assertThat(encoding(get(custom, "/png", "gzip"))).isEqualTo("gzip");
			assertThat(encoding(get(custom, "/reply", "gzip"))).isNull();
		}
	}

	// ---- helpers

	private static HttpResponse<byte[]> get(RunningServer target, String path, String acceptEncoding)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url(path)))
			.timeout(Duration.ofSeconds(10));
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		return RunningServer.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String encoding(HttpResponse<byte[]> response) {
		return response.headers().firstValue("Content-Encoding").orElse(null);
	}

	static String gunzip(byte[] body) throws IOException {
		return new String(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(), StandardCharsets.UTF_8);
	}

	/** The text of the start of a gzip stream (header skipped, no trailer yet). */
	private static String inflatePartialGzip(byte[] gzip) throws Exception {
		assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
		assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
		Inflater inflater = new Inflater(true);
		inflater.setInput(gzip, 10, gzip.length - 10);
		byte[] out = new byte[1024];
		int n = inflater.inflate(out);
		inflater.end();
		return new String(out, 0, n, StandardCharsets.UTF_8);
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			assertThat(b).as("end of stream in the head").isNotNegative();
			head.write(b);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static byte[] readChunk(InputStream in) throws IOException {
		StringBuilder size = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			assertThat(b).as("end of stream in a chunk size").isNotNegative();
			if (b != '\r') {
				size.append((char) b);
			}
		}
		int length = Integer.parseInt(size.toString(), 16);
		byte[] chunk = in.readNBytes(length);
		in.readNBytes(2);
		return chunk;
	}

	private static void check(String error) {
		if (error != null) {
			throw new IllegalStateException(error);
		}
	}

}
