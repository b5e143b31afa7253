package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.WebSocketHandler;
import io.mongoose.test.RawWebSocketClient;

/**
 * Shared pieces of the WebSocket socket-level tests: echo endpoints and frame helpers.
 */
final class WsTestKit {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final SecureRandom RANDOM = new SecureRandom();

	private WsTestKit() {
	}

	/**
	 * Echoes each delivered frame as it came (same first byte, so fragments stay
	 * fragments), encoded by the test client's own encoder and sent raw: proves
	 * {@code wsBits} per frame.
	 */
	static final WebSocketHandler FRAME_ECHO = WebSocketHandler.of(c -> {
		c.write(RawWebSocketClient.encodeFrame(c.wsBits(), c.content(), null, false));
		return Handler.Result.DONE;
	});

	/** Echoes each delivered message with {@code websocketWrite} (whole-message mode). */
	static final WebSocketHandler MESSAGE_ECHO = WebSocketHandler.of(c -> {
		c.websocketWrite(c.wsBits() & 0x0F, c.content());
		return Handler.Result.DONE;
	});

	/** {@code handler} as a WebSocket handler: only those may take an upgrade. */
	static WebSocketHandler ws(Handler handler) {
		return WebSocketHandler.of(handler);
	}

	/**
	 * A server with {@link #FRAME_ECHO} on {@code /echo} (per-frame delivery, the
	 * default).
	 */
	static RunningServer frameEchoServer() throws InterruptedException {
		return server(s -> s.addUriHandler("/echo", FRAME_ECHO));
	}

	/**
	 * A server with {@link #MESSAGE_ECHO} on {@code /echo} and
	 * {@code websocket_whole_messages=yes}.
	 */
	static RunningServer messageEchoServer() throws InterruptedException {
		return server(s -> {
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			s.addUriHandler("/echo", MESSAGE_ECHO);
		});
	}

	/**
	 * A server for frame-exact tests: idle pings are off unless {@code setup} turns them
	 * on, so a test slowed down by a loaded machine never reads a ping where it expects
	 * data.
	 */
	static RunningServer server(Consumer<Server> setup) throws InterruptedException {
		return RunningServer.start(s -> {
			assertThat(s.setOption("websocket_ping_interval_ms", "0")).isNull();
			setup.accept(s);
		});
	}

	static RawWebSocketClient open(RunningServer server, String path) throws IOException {
		RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port());
		client.handshake(path);
		return client;
	}

	/** A plain socket past a correct 101 answer, for byte-exact reads. */
	static java.net.Socket upgradeSocket(RunningServer server, String path) throws IOException {
		java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		String request = "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
		java.io.InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			assertThat(b).as("response head").isGreaterThanOrEqualTo(0);
			head.append((char) b);
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 101 ")
			.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
		return socket;
	}

	/** Sends one masked frame. */
	static void send(RawWebSocketClient client, int firstByte, byte[] payload) throws IOException {
		client.sendFrame(firstByte, payload, true);
	}

	static byte[] masked(int firstByte, byte[] payload) {
		byte[] mask = new byte[4];
		RANDOM.nextBytes(mask);
		return RawWebSocketClient.encodeFrame(firstByte, payload, mask, false);
	}

	static RawWebSocketClient.Frame read(RawWebSocketClient client) throws IOException {
		return client.readFrame(TIMEOUT);
	}

	static byte[] bytes(int n) {
		byte[] b = new byte[n];
		for (int i = 0; i < n; i++) {
			b[i] = (byte) (i * 31 + 7);
		}
		return b;
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] closePayload(int code, String reason) {
		byte[] r = utf8(reason);
		byte[] p = new byte[2 + r.length];
		p[0] = (byte) (code >> 8);
		p[1] = (byte) code;
		System.arraycopy(r, 0, p, 2, r.length);
		return p;
	}

	/**
	 * The next frame must be a close with {@code code}, then the server must drop TCP.
	 */
	static void expectClose(RawWebSocketClient client, int code) throws IOException {
		RawWebSocketClient.Frame frame = read(client);
		assertThat(frame.opcode()).as("opcode of %s", frame).isEqualTo(0x8);
		assertThat(frame.fin()).isTrue();
		assertThat(frame.closeCode()).isEqualTo(code);
		assertThat(client.isClosedByServer(TIMEOUT)).as("server closed TCP after its close frame").isTrue();
	}

	/** A fresh connection to {@code /echo} still gets a text message echoed. */
	static void assertServesFresh(RunningServer server) throws IOException {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x81, utf8("still alive"));
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.firstByte()).isEqualTo(0x81);
			assertThat(frame.text()).isEqualTo("still alive");
		}
	}

}
