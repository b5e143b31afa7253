package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Client;
import io.mongoose.ClientWebSocket;
import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.ScriptedServer;

import io.mongoose.test.RawWebSocketClient;
import io.mongoose.test.TestCertificates;

/**
 * {@link Client#webSocket}: the client side of RFC 6455 against the server's own echo
 * handlers, and against scripted servers that break the protocol.
 */
class ClientWebSocketTest {

	private static final long WAIT_SECONDS = 20;

	private final RunningServer loop = start();

	@AfterEach
	void stop() throws Exception {
		this.loop.close();
	}

	private static RunningServer start() {
		try {
			return RunningServer.start(s -> {
			});
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records every callback as one line, in order. */
	static final class Recorder implements ClientWebSocket.Listener {

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		final CompletableFuture<String> closed = new CompletableFuture<>();

		@Override
		public void onOpen(ClientWebSocket socket) {
			this.events.add("open");
		}

		@Override
		public void onText(ClientWebSocket socket, String text) {
			this.events.add("text " + text);
		}

		@Override
		public void onBinary(ClientWebSocket socket, byte[] data) {
			this.events.add("binary " + data.length + " " + Arrays.hashCode(data));
		}

		@Override
		public void onPong(ClientWebSocket socket, byte[] payload) {
			this.events.add("pong " + new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void onClose(ClientWebSocket socket, int code, String reason) {
			this.closed.complete(code + " " + reason);
		}

		String next() throws InterruptedException {
			String event = this.events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(event).as("a callback within " + WAIT_SECONDS + " s").isNotNull();
			return event;
		}

		String closeOutcome() throws Exception {
			return this.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}

	}

	private ClientWebSocket open(String url, Recorder recorder) throws Exception {
		return Client.create(this.loop.server())
			.webSocket(url, recorder)
			.toCompletableFuture()
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private Throwable refusal(String url) throws Exception {
		try {
			Client.create(this.loop.server())
				.webSocket(url, new Recorder())
				.toCompletableFuture()
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the handshake succeeded");
	}

	private static String ws(RunningServer server, String path) {
		return "ws://127.0.0.1:" + server.port() + path;
	}

	@Test
	void textAndBinaryMessagesAreEchoed() throws Exception {
		try (RunningServer server = WsTestKit.messageEchoServer()) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = open(ws(server, "/echo"), recorder);
			assertThat(recorder.next()).isEqualTo("open");
			assertThat(socket.isOpen()).isTrue();
			assertThat(socket.sendText("héllo wörld")).isTrue();
			assertThat(recorder.next()).isEqualTo("text héllo wörld");
			for (int size : new int[] { 0, 125, 126, 65535, 65536, 200_000 }) {
				byte[] data = WsTestKit.bytes(size);
				assertThat(socket.sendBinary(data)).isTrue();
				assertThat(recorder.next()).isEqualTo("binary " + size + " " + Arrays.hashCode(data));
			}
			assertThat(socket.ping("are you there".getBytes(StandardCharsets.UTF_8))).isTrue();
			assertThat(recorder.next()).isEqualTo("pong are you there");
			assertThat(socket.close(1000, "bye")).isTrue();
			assertThat(socket.isOpen()).isFalse();
			assertThat(socket.sendText("too late")).isFalse();
			assertThat(recorder.closeOutcome()).isEqualTo("1000 ");
		}
	}

	@Test
	void fragmentsGoOutAsFragmentsAndComeBackReassembled() throws Exception {
		try (RunningServer server = WsTestKit.frameEchoServer()) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = open(ws(server, "/echo"), recorder);
			assertThat(recorder.next()).isEqualTo("open");
			// the frame echo sends each fragment back as it came: the client reassembles
			assertThat(socket.sendText("frag", false)).isTrue();
			assertThat(socket.sendText("men", false)).isTrue();
			assertThat(socket.ping("between".getBytes(StandardCharsets.UTF_8))).isTrue();
			assertThat(socket.sendText("ted", true)).isTrue();
			assertThat(recorder.next()).isEqualTo("pong between");
			assertThat(recorder.next()).isEqualTo("text fragmented");
			byte[] first = WsTestKit.bytes(1000);
			byte[] second = WsTestKit.bytes(300);
			assertThat(socket.sendBinary(first, false)).isTrue();
			assertThat(socket.sendBinary(second, true)).isTrue();
			byte[] whole = new byte[1300];
			System.arraycopy(first, 0, whole, 0, 1000);
			System.arraycopy(second, 0, whole, 1000, 300);
			assertThat(recorder.next()).isEqualTo("binary 1300 " + Arrays.hashCode(whole));
			socket.close(1000, "");
			assertThat(recorder.closeOutcome()).isEqualTo("1000 ");
		}
	}

	@Test
	void closeCodesTravelBothWays() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/echo", WsTestKit.ws(c -> {
			String text = new String(c.content(), StandardCharsets.UTF_8);
			return text.equals("bye") ? Handler.Result.CLOSE : Handler.Result.DONE;
		})))) {
			Recorder ours = new Recorder();
			ClientWebSocket socket = open(ws(server, "/echo"), ours);
			socket.close(4000, "application done");
			assertThat(ours.closeOutcome()).as("the server echoes our code").isEqualTo("4000 ");

			Recorder theirs = new Recorder();
			open(ws(server, "/echo"), theirs).sendText("bye");
			assertThat(theirs.closeOutcome()).as("the server closes normally").isEqualTo("1000 ");
		}
	}

	@Test
	void refusedHandshakesFailTheStage() throws Exception {
		try (RunningServer server = WsTestKit.messageEchoServer()) {
			assertThat(refusal(ws(server, "/nothing-here"))).isInstanceOf(ProtocolException.class)
				.hasMessageContaining("refused: the server answered 404");
			assertThat(refusal("http://127.0.0.1:" + server.port() + "/echo"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("ws:// or wss://");
		}
		try (ScriptedServer server = ScriptedServer.webSocket((socket, key) -> ScriptedServer.write(socket,
				"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Accept: " + WebSocketHandshake.acceptKey("not the key") + "\r\n\r\n"))) {
			assertThat(refusal(server.ws("/"))).isInstanceOf(ProtocolException.class)
				.hasMessageContaining("wrong Sec-WebSocket-Accept");
		}
	}

	@Test
	void serverPingsAreAnsweredWithMaskedPongs() throws Exception {
		CompletableFuture<String> pong = new CompletableFuture<>();
		try (ScriptedServer server = ScriptedServer.webSocket((socket, key) -> {
			ScriptedServer.accept(socket, key);
			socket.getOutputStream()
				.write(RawWebSocketClient.encodeFrame(0x89, "knock".getBytes(StandardCharsets.UTF_8), null, false));
			var frame = ScriptedServer.readClientFrame(socket.getInputStream());
			pong.complete(
					Integer.toHexString(frame.firstByte()) + " " + new String(frame.payload(), StandardCharsets.UTF_8));
			ScriptedServer.awaitClose(socket);
		})) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = open(server.ws("/"), recorder);
			assertThat(pong.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("8a knock");
			socket.close(1000, "");
		}
	}

	@Test
	void protocolViolationsFailTheConnectionWithTheirCode() throws Exception {
		byte[][] violations = {
				RawWebSocketClient.encodeFrame(0x81, "masked".getBytes(StandardCharsets.UTF_8),
						new byte[] { 1, 2, 3, 4 }, false),
				RawWebSocketClient.encodeFrame(0x81, new byte[] { (byte) 0xC3, 0x28 }, null, false),
				RawWebSocketClient.encodeFrame(0x80, "no message".getBytes(StandardCharsets.UTF_8), null, false) };
		int[] codes = { CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD, CloseCodes.PROTOCOL_ERROR };
		for (int i = 0; i < violations.length; i++) {
			byte[] violation = violations[i];
			CompletableFuture<Integer> sent = new CompletableFuture<>();
			try (ScriptedServer server = ScriptedServer.webSocket((socket, key) -> {
				ScriptedServer.accept(socket, key);
				socket.getOutputStream().write(violation);
				var frame = ScriptedServer.readClientFrame(socket.getInputStream());
				sent.complete((frame.opcode() == 8) ? frame.closeCode() : -frame.opcode());
				ScriptedServer.awaitClose(socket);
			})) {
				Recorder recorder = new Recorder();
				open(server.ws("/"), recorder);
				assertThat(sent.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("close code sent").isEqualTo(codes[i]);
				assertThat(recorder.closeOutcome()).startsWith(codes[i] + " ");
				assertThat(recorder.events).containsExactly("open");
			}
		}
	}

	@Test
	void secureWebSocket(@TempDir Path dir) throws Exception {
		TestCertificates.Generated certificate = TestCertificates.generate(dir, "ws", "EC");
		Path pem = certificate.write(dir.resolve("ws.pem"), certificate.pkcs8Pem());
		try (RunningServer server = WsTestKit.server(s -> {
			assertThat(s.setOption("ssl_certificate", pem.toString())).isNull();
			assertThat(s.setOption("listening_port", "127.0.0.1:0s")).isNull();
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			s.addUriHandler("/echo", WsTestKit.MESSAGE_ECHO);
		})) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = Client.builder(this.loop.server())
				.sslContext(certificate.clientContext())
				.build()
				.webSocket("wss://127.0.0.1:" + server.port() + "/echo", recorder)
				.toCompletableFuture()
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(recorder.next()).isEqualTo("open");
			socket.sendText("over TLS");
			assertThat(recorder.next()).isEqualTo("text over TLS");
			socket.close(1000, "");
			assertThat(recorder.closeOutcome()).isEqualTo("1000 ");
		}
	}

}
