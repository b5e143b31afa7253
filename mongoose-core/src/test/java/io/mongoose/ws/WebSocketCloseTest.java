package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.assertServesFresh;
import static io.mongoose.ws.WsTestKit.closePayload;
import static io.mongoose.ws.WsTestKit.expectClose;
import static io.mongoose.ws.WsTestKit.open;
import static io.mongoose.ws.WsTestKit.read;
import static io.mongoose.ws.WsTestKit.send;
import static io.mongoose.ws.WsTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/** The closing handshake, close codes, and closes the server starts. */
class WebSocketCloseTest {

	private static RunningServer server;

	private static final AtomicReference<Connection> lastKept = new AtomicReference<>();

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.server(s -> {
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
			s.addUriHandler("/bye", WsTestKit.ws(c -> Handler.Result.CLOSE));
			s.addUriHandler("/boom", WsTestKit.ws(c -> {
				throw new IllegalStateException("handler bug (expected by the test)");
			}));
			s.addUriHandler("/keep", WsTestKit.ws(c -> {
				lastKept.set(c);
				c.websocketWrite("kept");
				return Handler.Result.DONE;
			}));
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest(name = "code {0}")
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 })
	void validCloseCodeIsEchoedAndTcpClosed(int code) throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, closePayload(code, "bye"));
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.firstByte()).isEqualTo(0x88);
			assertThat(frame.payload()).isEqualTo(closePayload(code, ""));
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@ParameterizedTest(name = "code {0}")
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void invalidCloseCodeFailsWith1002(int code) throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, closePayload(code, ""));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void emptyCloseIsAnsweredWithEmptyClose() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, new byte[0]);
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.firstByte()).isEqualTo(0x88);
			assertThat(frame.payload()).isEmpty();
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@Test
	void oneByteClosePayloadFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, new byte[] { 0x03 });
			expectClose(client, 1002);
		}
	}

	@Test
	void closeReasonOf123BytesIsAcceptedAnd124Fails() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, closePayload(1000, "r".repeat(123)));
			expectClose(client, 1000);
		}
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, closePayload(1000, "r".repeat(124)));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void framesAfterTheCloseAreIgnored() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			client.sendRaw(concat(WsTestKit.masked(0x88, closePayload(1000, "")), WsTestKit.masked(0x81, utf8("late")),
					WsTestKit.masked(0x89, utf8("late ping"))));
			expectClose(client, 1000);
		}
	}

	@Test
	void handlerResultCloseSendsClose1000ThenClosesTcp() throws Exception {
		try (RawWebSocketClient client = open(server, "/bye")) {
			send(client, 0x81, utf8("please close"));
			expectClose(client, 1000);
		}
	}

	@Test
	void serverWaitsForTheClientsCloseAnswerThenClosesAtOnce() throws Exception {
		try (RawWebSocketClient client = open(server, "/bye")) {
			send(client, 0x81, utf8("please close"));
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.closeCode()).isEqualTo(1000);
			send(client, 0x88, closePayload(1000, ""));
			assertThat(client.isClosedByServer(Duration.ofSeconds(2))).isTrue();
		}
	}

	@Test
	void handlerThatThrowsClosesWith1011() throws Exception {
		try (RawWebSocketClient client = open(server, "/boom")) {
			send(client, 0x81, utf8("x"));
			expectClose(client, 1011);
		}
		assertServesFresh(server);
	}

	@Test
	void closeFromAnotherThreadSendsClose1000AndLaterWritesReturnZero() throws Exception {
		try (RawWebSocketClient client = open(server, "/keep")) {
			send(client, 0x81, utf8("x"));
			assertThat(read(client).text()).isEqualTo("kept");
			Connection c = lastKept.get();
			c.close();
			expectClose(client, 1000);
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (!c.isClosed() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(c.isClosed()).isTrue();
			assertThat(c.websocketWrite("too late")).isZero();
			assertThat(c.websocketWrite(2, new byte[1])).isZero();
		}
	}

	@Test
	void websocketWriteOfACloseFrameStartsTheClosingHandshake() throws Exception {
		try (RawWebSocketClient client = open(server, "/keep")) {
			send(client, 0x81, utf8("x"));
			assertThat(read(client).text()).isEqualTo("kept");
			Connection c = lastKept.get();
			assertThat(c.websocketWrite(8, closePayload(4001, "app"))).isEqualTo(2 + 5);
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.closeCode()).isEqualTo(4001);
			assertThat(frame.text().substring(2)).isEqualTo("app");
			assertThat(c.websocketWrite("after close")).isZero();
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@Test
	void helpersSendBinaryPingAndCloseFromAnotherThread() throws Exception {
		try (RawWebSocketClient client = open(server, "/keep")) {
			send(client, 0x81, utf8("x"));
			assertThat(read(client).text()).isEqualTo("kept");
			Connection c = lastKept.get();
			assertThat(WebSockets.sendBinary(c, new byte[] { 1, 2 })).isEqualTo(4);
			assertThat(WebSockets.ping(c, utf8("p"))).isEqualTo(3);
			assertThat(WebSockets.sendText(c, "t")).isEqualTo(3);
			assertThat(WebSockets.close(c, 4002, "done")).isEqualTo(8);
			RawWebSocketClient.Frame binary = read(client);
			assertThat(binary.firstByte()).isEqualTo(0x82);
			assertThat(binary.payload()).containsExactly(1, 2);
			RawWebSocketClient.Frame ping = read(client);
			assertThat(ping.firstByte()).isEqualTo(0x89);
			assertThat(ping.text()).isEqualTo("p");
			assertThat(read(client).text()).isEqualTo("t");
			expectClose(client, 4002);
		}
	}

	@Test
	void drainClosesWebSocketsWith1001() throws Exception {
		try (RunningServer s = WsTestKit.frameEchoServer(); RawWebSocketClient client = open(s, "/echo")) {
			s.server().iterateOverConnections(c -> s.server().drain()).get();
			expectClose(client, 1001);
		}
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] p : parts) {
			out.writeBytes(p);
		}
		return out.toByteArray();
	}

}
