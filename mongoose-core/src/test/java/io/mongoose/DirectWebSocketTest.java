package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.WebSocketRecorder;

/**
 * {@link DirectClient#webSocket}: a WebSocket to the handlers without a socket, through
 * the server's handshake and the core's frame code on both ends.
 */
class DirectWebSocketTest {

	/** A server that binds no port and that nobody polls but the client. */
	private final Server server = Server.create(null);

	@AfterEach
	void destroy() {
		this.server.destroy();
	}

	@Test
	void textAndBinaryMessagesAreEchoed() {
		this.server.addUriHandler("/echo", new Echo());
		try (DirectWebSocket socket = DirectClient.of(this.server).webSocket("/echo")) {
			assertThat(socket.handshake().status()).isEqualTo(101);
			assertThat(socket.handshake().header("Sec-WebSocket-Accept")).isNotBlank();
			socket.sendText("héllo");
			socket.sendBinary(new byte[] { 0, 1, 2, (byte) 0xFF });
			assertThat(socket.nextText()).isEqualTo("héllo");
			DirectWebSocket.Message binary = socket.nextMessage();
			assertThat(binary.opcode()).isEqualTo(WebSocketOpcode.BINARY);
			assertThat(binary.data()).containsExactly(0, 1, 2, 0xFF);
			socket.ping("are you there".getBytes(StandardCharsets.UTF_8));
			DirectWebSocket.Message pong = socket.nextMessage();
			assertThat(pong.opcode()).isEqualTo(WebSocketOpcode.PONG);
			assertThat(pong.text()).isEqualTo("are you there");
		}
	}

	@Test
	void fragmentedAndLargeMessagesArriveWhole() {
		this.server.addUriHandler("/echo", new Echo());
		try (DirectWebSocket socket = DirectClient.of(this.server).webSocket("/echo")) {
			socket.sendText("frag", false);
			socket.sendText("ment", false);
			socket.sendText("ed", true);
			assertThat(socket.nextText()).isEqualTo("fragmented");
			byte[] large = new byte[3 * 1024 * 1024]; // far beyond the 64 KiB in-memory
														// windows, both ways
			for (int i = 0; i < large.length; i++) {
				large[i] = (byte) (i * 31);
			}
			socket.sendBinary(large);
			assertThat(socket.nextMessage().data()).isEqualTo(large);
		}
	}

	@Test
	void theServersFirstMessagesArriveWithTheHandshake() {
		this.server.addUriHandler("/greet", new WebSocketHandler() {
			@Override
			public void onOpen(Connection c) {
				c.websocketWrite("welcome");
				c.websocketWrite("and again");
			}
		});
		try (DirectWebSocket socket = DirectClient.of(this.server).webSocket("/greet")) {
			assertThat(socket.nextText()).isEqualTo("welcome");
			assertThat(socket.nextText()).isEqualTo("and again");
		}
	}

	@Test
	void aHandlerClosingWithACodeEndsTheSocketWithIt() {
		this.server.addUriHandler("/bye", new WebSocketHandler() {
			@Override
			public void onText(Connection c, String text) {
				c.websocketWrite("last words");
				c.websocketWrite(WebSocketOpcode.CLOSE.code(), closePayload(4001, text));
			}
		});
		DirectWebSocket socket = DirectClient.of(this.server).webSocket("/bye");
		socket.sendText("done here");
		assertThat(socket.awaitClose()).isEqualTo(new DirectWebSocket.CloseStatus(4001, "done here"));
		assertThat(socket.isOpen()).isFalse();
		assertThat(socket.nextText()).isEqualTo("last words");
		assertThatIllegalStateException().isThrownBy(socket::nextText).withMessageContaining("closed, close 4001");
		assertThatIllegalStateException().isThrownBy(() -> socket.sendText("too late"))
			.withMessageContaining("closing or closed");
	}

	@Test
	void theClientsCloseIsEchoedAndTheHandlerToldOfIt() {
		CompletableFuture<Boolean> handlerClosed = new CompletableFuture<>();
		this.server.addUriHandler("/echo", new Echo() {
			@Override
			public void onClose(Connection c) {
				handlerClosed.complete(true);
			}
		});
		DirectWebSocket socket = DirectClient.of(this.server).webSocket("/echo");
		assertThat(socket.close(4100, "leaving").code()).isEqualTo(4100);
		assertThat(handlerClosed).isCompletedWithValue(true);
		assertThat(this.server.connectionCount()).isZero();
	}

	@Test
	void refusedHandshakesNameTheStatus() {
		this.server.addUriHandler("/plain", c -> {
			c.sendReply(200, "text/plain", "not a socket");
			return Result.DONE;
		});
		this.server.addUriHandler("/ws", new Echo());
		DirectClient client = DirectClient.of(this.server);
		assertThatThrownBy(() -> client.webSocket("/nothing"))
			.isInstanceOfSatisfying(DirectWebSocket.RefusedException.class,
					(ex) -> assertThat(ex.response().status()).isEqualTo(404))
			.hasMessageStartingWith("WebSocket handshake to /nothing refused: 404 Not Found");
		assertThatThrownBy(() -> client.webSocket("/ws", Map.of("Origin", "http://elsewhere.example")))
			.isInstanceOfSatisfying(DirectWebSocket.RefusedException.class,
					(ex) -> assertThat(ex.response().status()).isEqualTo(403))
			.hasMessageContaining("403 Forbidden");
		assertThatThrownBy(() -> client.webSocket("/plain")).isInstanceOf(DirectWebSocket.RefusedException.class)
			.hasMessage("WebSocket handshake to /plain refused: 200 OK: not a socket");
		try (DirectWebSocket sameOrigin = client.webSocket("/ws", Map.of("Origin", "http://localhost"))) {
			sameOrigin.sendText("still served");
			assertThat(sameOrigin.nextText()).isEqualTo("still served");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> client.webSocket("/ws", Map.of("connection", "close")))
			.withMessageContaining("sets connection itself");
	}

	@Test
	void aSubprotocolTheHandlerChoosesIsInTheHandshake() {
		this.server.addUriHandler("/chat", new Echo() {
			@Override
			public String selectSubprotocol(Connection c, List<String> offered) {
				return offered.contains("chat.v2") ? "chat.v2" : null;
			}
		});
		try (DirectWebSocket socket = DirectClient.of(this.server)
			.webSocket("/chat", Map.of("Sec-WebSocket-Protocol", "chat.v1, chat.v2"))) {
			assertThat(socket.handshake().header("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
		}
	}

	@Test
	void waitingForAMessageThatNeverComesIsAClearError() {
		this.server.addUriHandler("/quiet", new WebSocketHandler() {
		});
		try (DirectWebSocket socket = DirectClient.of(this.server).webSocket("/quiet")) {
			assertThatIllegalStateException().isThrownBy(() -> socket.nextMessage(Duration.ofMillis(200)))
				.withMessage("no message on the WebSocket to /quiet within PT0.2S");
			assertThat(socket.isOpen()).isTrue();
		}
	}

	@Test
	void aBroadcastReachesADirectSocketAndARealOneAlike() throws Exception {
		AtomicInteger open = new AtomicInteger();
		try (RunningServer running = RunningServer.start((s) -> s.addUriHandler("/news", new WebSocketHandler() {
			@Override
			public void onOpen(Connection c) {
				open.incrementAndGet();
			}
		}))) {
			try (DirectWebSocket direct = DirectClient.of(running.server()).webSocket("/news")) {
				WebSocketRecorder real = WebSocketRecorder.connect(running.port(), "/news");
				assertThat(open).hasValue(2);
				BroadcastResult result = running.server()
					.websocketBroadcast("/news", null, WebSocketOpcode.TEXT.code(),
							"extra!".getBytes(StandardCharsets.UTF_8))
					.get(10, TimeUnit.SECONDS);
				assertThat(result.reached()).isEqualTo(2);
				assertThat(direct.nextText()).isEqualTo("extra!");
				assertThat(real.nextText()).isEqualTo("extra!");
				real.socket().sendClose(1000, "").get(10, TimeUnit.SECONDS);
				assertThat(real.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
			}
		}
	}

	/** Every text and binary message sent back as it came. */
	private static class Echo implements WebSocketHandler {

		@Override
		public void onText(Connection c, String text) {
			c.websocketWrite(text);
		}

		@Override
		public void onBinary(Connection c, byte[] data) {
			c.websocketWrite(WebSocketOpcode.BINARY.code(), data);
		}

	}

	private static byte[] closePayload(int code, String reason) {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
	}

}
