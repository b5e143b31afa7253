package io.mongoose.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.TestCertificates;

/** HTTPS, WSS and static files through the SSLEngine transport, with real JDK clients. */
class TlsServerTest {

	@TempDir
	static Path dir;

	static TestCertificates.Generated rsa;

	static TestCertificates.Generated ec;

	static Path rsaPem;

	static RunningServer server;

	static final AtomicInteger tlsPort = new AtomicInteger();

	static byte[] bigFile;

	/** TlsSession's log records; the logger is held so its handler stays. */
	static final Logger tlsLog = Logger.getLogger("io.mongoose.tls.TlsSession");

	static final List<String> logLines = new CopyOnWriteArrayList<>();

	static final Handler capture = new Handler() {
		@Override
		public void publish(LogRecord record) {
			logLines.add(record.getMessage());
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}
	};

	@BeforeAll
	static void start() throws Exception {
		rsa = TestCertificates.generate(dir, "rsa", "RSA");
		ec = TestCertificates.generate(dir, "ec", "EC");
		rsaPem = rsa.write(dir.resolve("server.pem"), rsa.pkcs8Pem());
		Path root = Files.createDirectories(dir.resolve("www"));
		bigFile = new byte[6 * 1024 * 1024 + 123];
		new SecureRandom().nextBytes(bigFile);
		Files.write(root.resolve("big.bin"), bigFile);
		tlsLog.addHandler(capture);
		server = RunningServer.start(s -> {
			assertThat(s.setOption("ssl_certificate", rsaPem.toString())).isNull();
			assertThat(s.setOption("listening_port", "127.0.0.1:0,127.0.0.1:0s")).isNull();
			assertThat(s.setOption("document_root", root.toString())).isNull();
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			assertThat(s.setOption("idle_timeout_ms", "1500")).isNull();
			s.addUriHandler("/hello", c -> {
				c.sendReply(200, "text/plain",
						"hello " + c.requestMethod() + " " + new String(c.content(), StandardCharsets.UTF_8));
				return io.mongoose.Handler.Result.DONE;
			});
			s.addUriHandler("/echo", io.mongoose.WebSocketHandler.of(c -> {
				c.websocketWrite(c.wsBits() & 0x0F, c.content());
				return io.mongoose.Handler.Result.DONE;
			}));
			tlsPort.set(s.getListeningPorts().get(1).port());
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
		tlsLog.removeHandler(capture);
	}

	static HttpClient client(SSLContext context) {
		return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
	}

	static String https(String path) {
		return "https://127.0.0.1:" + tlsPort.get() + path;
	}

	@Test
	void httpsGetAndPost() throws Exception {
		HttpClient client = client(rsa.clientContext());
		HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(https("/hello"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo("hello GET ");
		assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_1_1); // ALPN answered
																			// http/1.1,
																			// not h2
		String body = "x".repeat(100_000) + "end";
		HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(https("/hello")))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(200);
		assertThat(post.body()).isEqualTo("hello POST " + body);
	}

	@Test
	void plainAndTlsListenersOnOneServer() throws Exception {
		Server s = server.server();
		List<Server.ListeningPort> ports = s.getListeningPorts();
		assertThat(ports).extracting(Server.ListeningPort::scheme).containsExactly("http", "https");
		assertThat(s.getOption("listening_port")).isEqualTo(server.port() + "," + tlsPort.get() + "s");
		assertThat(s.getLocalPort()).isEqualTo(server.port());
		assertThat(s.getListeningSocket().socket().getLocalPort()).isEqualTo(server.port());
		assertThat(server.get("/hello").body()).isEqualTo("hello GET ");
		HttpResponse<String> secure = client(rsa.clientContext())
			.send(HttpRequest.newBuilder(URI.create(https("/hello"))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(secure.body()).isEqualTo("hello GET ");
	}

	@Test
	void tls12And13WithAlpn() throws Exception {
		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			try (SSLSocket socket = open(rsa.clientContext(), protocol)) {
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
				assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
				assertThat(request(socket, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")).contains("hello GET");
			}
		}
	}

	@Test
	void webSocketOverTls() throws Exception {
		BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
		WebSocket.Listener listener = new WebSocket.Listener() {
			final StringBuilder text = new StringBuilder();

			final ByteArrayOutputStream binary = new ByteArrayOutputStream();

			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				this.text.append(data);
				if (last) {
					messages.add(this.text.toString());
					this.text.setLength(0);
				}
				ws.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
				byte[] b = new byte[data.remaining()];
				data.get(b);
				this.binary.writeBytes(b);
				if (last) {
					messages.add(this.binary.toByteArray());
					this.binary.reset();
				}
				ws.request(1);
				return null;
			}
		};
		WebSocket ws = client(rsa.clientContext()).newWebSocketBuilder()
			.buildAsync(URI.create("wss://127.0.0.1:" + tlsPort.get() + "/echo"), listener)
			.get(10, TimeUnit.SECONDS);
		ws.sendText("hello over TLS", true).get(5, TimeUnit.SECONDS);
		assertThat(messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello over TLS");
		byte[] big = new byte[300_000];
		new SecureRandom().nextBytes(big);
		ws.sendBinary(ByteBuffer.wrap(big), true).get(5, TimeUnit.SECONDS);
		assertThat((byte[]) messages.poll(5, TimeUnit.SECONDS)).isEqualTo(big);
		ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
	}

	@Test
	void staticFileOverTlsArrivesWholeEvenWhenTheClientReadsLate() throws Exception {
		HttpResponse<byte[]> response = client(rsa.clientContext()).send(
				HttpRequest.newBuilder(URI.create(https("/big.bin"))).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(bigFile);

		// a client that stops reading: the socket fills, the server must wait, then
		// resume
		try (SSLSocket socket = open(rsa.clientContext(), null)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=100-\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(700);
			byte[] all = socket.getInputStream().readAllBytes();
			String text = new String(all, StandardCharsets.ISO_8859_1);
			int bodyStart = text.indexOf("\r\n\r\n") + 4;
			assertThat(text).startsWith("HTTP/1.1 206");
			byte[] body = java.util.Arrays.copyOfRange(all, bodyStart, all.length);
			assertThat(body).isEqualTo(java.util.Arrays.copyOfRange(bigFile, 100, bigFile.length));
		}
	}

	@Test
	void garbageAndPlainHttpOnTheTlsPortCostOneConnectionAndALogLine() throws Exception {
		int before = logLines.size();
		byte[] garbage = new byte[2000];
		new SecureRandom().nextBytes(garbage);
		garbage[0] = 0x16; // looks like a handshake record, then nonsense
		assertThat(sendAndReadUntilClosed(garbage)).isLessThan(200); // at most an alert,
																		// never a reply
		assertThat(sendAndReadUntilClosed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
			.isLessThan(200);
		awaitLog(before + 2);
		assertThat(logLines.subList(before, logLines.size()))
			.anySatisfy(line -> assertThat(line).contains("TLS handshake with /127.0.0.1").contains("failed"));
		// a client that opens TCP and closes before finishing the handshake
		new Socket("127.0.0.1", tlsPort.get()).close();
		awaitLog(before + 3);
		assertThat(logLines.subList(before, logLines.size())).anySatisfy(line -> assertThat(line).contains("aborted"));
		// the server is fine
		HttpResponse<String> fresh = client(rsa.clientContext())
			.send(HttpRequest.newBuilder(URI.create(https("/hello"))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(fresh.body()).isEqualTo("hello GET ");
	}

	@Test
	void clientThatNeverSpeaksIsClosedByTheIdleTimeout() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", tlsPort.get())) {
			socket.setSoTimeout(10_000);
			long start = System.nanoTime();
			// at most a TLS alert, then the end of the stream
			assertThat(socket.getInputStream().readAllBytes().length).isLessThan(100);
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(millis).isBetween(1000L, 9000L);
		}
	}

	@Test
	void clientInitiatedRenegotiationIsRefused() throws Exception {
		int before = logLines.size();
		try (SSLSocket socket = open(rsa.clientContext(), "TLSv1.2")) {
			assertThat(request(socket, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")).contains("hello GET");
			assertThatThrownBy(() -> {
				socket.startHandshake();
				String reply = request(socket, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
				if (reply.isEmpty()) {
					throw new IOException("closed");
				}
			}).isInstanceOf(IOException.class);
		}
		awaitLog(before + 1);
		assertThat(logLines.subList(before, logLines.size()))
			.anySatisfy(line -> assertThat(line).contains("renegotiation"));
	}

	static SSLSocket open(SSLContext context, String protocol) throws IOException {
		return open(context, protocol, tlsPort.get());
	}

	static SSLSocket open(SSLContext context, String protocol, int port) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		SSLParameters parameters = socket.getSSLParameters();
		if (protocol != null) {
			parameters.setProtocols(new String[] { protocol });
		}
		parameters.setApplicationProtocols(new String[] { "h2", "http/1.1" });
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	/**
	 * Sends one request and reads one Content-Length reply (or what arrives until close).
	 */
	static String request(SSLSocket socket, String request) throws IOException {
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		StringBuilder text = new StringBuilder();
		int contentLength = -1;
		while (true) {
			int b = in.read();
			if (b < 0) {
				return text.toString();
			}
			text.append((char) b);
			int end = text.indexOf("\r\n\r\n");
			if (end >= 0 && contentLength < 0) {
				java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
					.matcher(text);
				contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
			}
			if (end >= 0 && text.length() >= end + 4 + contentLength) {
				return text.toString();
			}
		}
	}

	/** Bytes the server sent back before closing. */
	static int sendAndReadUntilClosed(byte[] data) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", tlsPort.get())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(data);
			socket.getOutputStream().flush();
			return socket.getInputStream().readAllBytes().length;
		}
	}

	static void awaitLog(int count) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 5000;
		while (logLines.size() < count && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
		}
		assertThat(logLines.size()).as("log lines " + logLines).isGreaterThanOrEqualTo(count);
	}

}
