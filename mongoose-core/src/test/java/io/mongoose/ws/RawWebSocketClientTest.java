package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mongoose.test.RawWebSocketClient;

/**
 * Exercises the raw client against a one-connection stub built from the production
 * pieces.
 */
class RawWebSocketClientTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private ServerSocket listener;

	private CompletableFuture<Void> stub;

	/** What the stub does after reading the request head. */
	private interface Script {

		void run(String requestHead, InputStream in, OutputStream out) throws Exception;

	}

	private int startStub(Script script) throws IOException {
		listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		stub = CompletableFuture.runAsync(() -> {
			try (Socket s = listener.accept()) {
				s.setSoTimeout(5000);
				InputStream in = s.getInputStream();
				script.run(readHead(in), in, s.getOutputStream());
			}
			catch (Exception e) {
				throw new RuntimeException(e);
			}
		});
		return listener.getLocalPort();
	}

	@AfterEach
	void stop() throws Exception {
		if (listener != null) {
			listener.close();
		}
	}

	/** A stub's 101 for {@code key}. */
	private static byte[] switchingProtocols(String key) {
		return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + WebSocketHandshake.acceptKey(key) + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * 101, then echo one client frame through the production decoder and encoder, then
	 * close 1000.
	 */
	private static void echoOnce(String head, InputStream in, OutputStream out) throws IOException {
		String key = head.lines()
			.filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
			.map(l -> l.substring(l.indexOf(':') + 1).trim())
			.findFirst()
			.orElseThrow();
		out.write(switchingProtocols(key));
		FrameDecoder decoder = new FrameDecoder(1 << 16);
		byte[] buf = new byte[256];
		while (!decoder.hasFrame() && !decoder.hasError()) {
			int n = in.read(buf);
			if (n < 0) {
				return;
			}
			decoder.decode(buf, 0, n); // one frame is all this stub reads
		}
		if (decoder.hasError()) {
			out.write(FrameEncoder.encode(WebSocketOpcodes.CLOSE, FrameEncoder.closePayload(decoder.errorCode(), ""), 0,
					2));
		}
		else {
			out.write(FrameEncoder.encode(decoder.opcode(), decoder.payload(), 0, decoder.payload().length));
			out.write(FrameEncoder.encode(WebSocketOpcodes.CLOSE, FrameEncoder.closePayload(1000, "done"), 0, 6));
		}
		out.flush();
	}

	@Test
	void handshakeSendReadAndClose() throws Exception {
		int port = startStub(RawWebSocketClientTest::echoOnce);
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/ws");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("upgrade")).isEqualTo("websocket");
			client.sendFrame(0x81, "hello".getBytes(StandardCharsets.UTF_8), true);
			RawWebSocketClient.Frame echo = client.readFrame(TIMEOUT);
			assertThat(echo.fin()).isTrue();
			assertThat(echo.opcode()).isEqualTo(WebSocketOpcodes.TEXT);
			assertThat(echo.text()).isEqualTo("hello");
			assertThat(client.expectClose(TIMEOUT)).isEqualTo(1000);
		}
		stub.get(5, TimeUnit.SECONDS);
	}

	@Test
	void unmaskedFrameMakesTheStubCloseWithProtocolError() throws Exception {
		int port = startStub(RawWebSocketClientTest::echoOnce);
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			client.handshake("/ws");
			client.sendFrame(0x81, "hello".getBytes(StandardCharsets.UTF_8), false);
			assertThat(client.expectClose(TIMEOUT)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
		}
		stub.get(5, TimeUnit.SECONDS);
	}

	@Test
	void non101IsAnErrorUnlessAllowed() throws Exception {
		Script notFound = (head, in, out) -> out
			.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		int port = startStub(notFound);
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			assertThatThrownBy(() -> client.handshake("/nothing")).isInstanceOf(IOException.class)
				.hasMessageContaining("404");
		}
		stub.get(5, TimeUnit.SECONDS);
		listener.close();

		port = startStub(notFound);
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			RawWebSocketClient.HandshakeResponse r = client.handshake("/nothing", Map.of("Origin", "http://x"), false);
			assertThat(r.status()).isEqualTo(404);
			assertThat(r.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
			assertThat(r.header("content-length")).isEqualTo("0");
			assertThat(client.isClosedByServer(TIMEOUT)).isTrue();
		}
	}

	@Test
	void wrongAcceptKeyIsAnError() throws Exception {
		int port = startStub((head, in, out) -> out.write(switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==")));
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			assertThatThrownBy(() -> client.handshake("/ws")).hasMessageContaining("Sec-WebSocket-Accept");
		}
	}

	@Test
	void maskedOrRsvServerFramesAreRejected() throws Exception {
		int port = startStub((head, in, out) -> {
			out.write(new byte[] { (byte) 0xC1, 0 }); // RSV1: rejected after exactly its
														// 2 bytes
			out.write(RawWebSocketClient.encodeFrame(0x81, "x".getBytes(), new byte[] { 1, 2, 3, 4 }, false));
			out.flush();
			Thread.sleep(500);
		});
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			client.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			assertThatThrownBy(() -> client.readFrame(TIMEOUT)).hasMessageContaining("RSV");
			assertThatThrownBy(() -> client.readFrame(TIMEOUT)).hasMessageContaining("masked");
		}
	}

	@Test
	void openConnectionIsNotReportedClosedAndExpectCloseNeedsTcpClose() throws Exception {
		CompletableFuture<Void> release = new CompletableFuture<>();
		int port = startStub((head, in, out) -> {
			out.write(FrameEncoder.encode(WebSocketOpcodes.CLOSE, FrameEncoder.closePayload(1001, ""), 0, 2));
			out.flush();
			release.get(5, TimeUnit.SECONDS); // keep TCP open
		});
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port)) {
			client.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			assertThatThrownBy(() -> client.expectClose(Duration.ofMillis(300))).isInstanceOf(AssertionError.class)
				.hasMessageContaining("1001");
			assertThat(client.isClosedByServer(Duration.ofMillis(100))).isFalse();
		}
		finally {
			release.complete(null);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last4 = 0;
		while (last4 != 0x0d0a0d0a) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("EOF in request head");
			}
			head.write(b);
			last4 = (last4 << 8) | b;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

}
