package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.open;
import static io.mongoose.ws.WsTestKit.read;
import static io.mongoose.ws.WsTestKit.send;
import static io.mongoose.ws.WsTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.WebSocketHandler;
import io.mongoose.test.RawWebSocketClient;

/** The opening handshake and the handler's open/close notifications. */
class WebSocketUpgradeTest {

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.server(s -> {
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
			s.addUriHandler("/chat", new WebSocketHandler() {
				@Override
				public Result handle(Connection c) {
					events.add("frame " + c.isWebSocket() + " " + c.wsBits() + " " + new String(c.content()) + " "
							+ c.uri());
					return Result.DONE;
				}

				@Override
				public String selectSubprotocol(Connection c, List<String> offered) {
					events.add("offered " + offered);
					return offered.contains("chat.v2") ? "chat.v2" : null;
				}

				@Override
				public void onOpen(Connection c) {
					events.add("open " + c.isWebSocket());
					c.websocketWrite("welcome");
				}

				@Override
				public void onClose(Connection c) {
					events.add("close");
				}
			});
			s.addUriHandler("/liar", new WebSocketHandler() {
				@Override
				public Result handle(Connection c) {
					return Result.DONE;
				}

				@Override
				public String selectSubprotocol(Connection c, List<String> offered) {
					return "not-offered";
				}
			});
			s.addUriHandler("/headers", WsTestKit.ws(c -> {
				if (c.isWebSocket() && c.content().length < 100) {
					c.websocketWrite(c.getHeader("X-Client") + " " + c.queryString() + " " + c.headers().size() + " "
							+ c.headers().get(0).name());
				}
				return Handler.Result.DONE;
			}));
			s.addUriHandler("/plain", c -> {
				c.sendReply(200, "text/plain", "plain");
				return Handler.Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void uriWithoutAHandlerIs404() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			assertThat(client.handshake("/nobody", Map.of(), false).status()).isEqualTo(404);
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@Test
	void missingConnectionUpgradeIs400() throws Exception {
		assertThat(status(Map.of("Connection", "keep-alive"))).isEqualTo(400);
	}

	@Test
	void badKeyIs400() throws Exception {
		assertThat(status(Map.of("Sec-WebSocket-Key", "short"))).isEqualTo(400);
		assertThat(status(Map.of("Sec-WebSocket-Key", ""))).isEqualTo(400);
	}

	@Test
	void otherVersionIs426WithVersion13() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/echo",
					Map.of("Sec-WebSocket-Version", "8"), false);
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
		}
		assertThat(status(Map.of("Sec-WebSocket-Version", ""))).isEqualTo(426);
	}

	@Test
	void postUpgradeIs400() throws Exception {
		String reply = server.raw("POST /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
		assertThat(reply).startsWith("HTTP/1.1 400 ");
	}

	@Test
	void subprotocolIsSelectedAndHandlerIsToldAboutOpenFramesAndClose() throws Exception {
		events.clear();
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/chat",
					Map.of("Sec-WebSocket-Protocol", "chat.v1, chat.v2"), true);
			assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
			assertThat(read(client).text()).isEqualTo("welcome");
			send(client, 0x81, utf8("hi"));
			send(client, 0x88, WsTestKit.closePayload(1000, ""));
			assertThat(read(client).closeCode()).isEqualTo(1000);
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
		waitFor(() -> events.contains("close"));
		assertThat(events).containsExactly("offered [chat.v1, chat.v2]", "open true", "frame true 129 hi /chat",
				"close");
	}

	@Test
	void noSubprotocolHeaderWhenNoneIsChosen() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/chat",
					Map.of("Sec-WebSocket-Protocol", "other"), true);
			assertThat(response.header("Sec-WebSocket-Protocol")).isNull();
		}
	}

	@Test
	void subprotocolTheClientDidNotOfferIs500() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			assertThat(client.handshake("/liar", Map.of("Sec-WebSocket-Protocol", "a"), false).status()).isEqualTo(500);
		}
	}

	@Test
	void anUpgradeRequestToAPlainHandlerIsAnOrdinaryRequest() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/plain", Map.of(), false);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Upgrade")).isNull();
			assertThat(response.header("Sec-WebSocket-Accept")).isNull();
		}
	}

	@Test
	void aRequestWithoutUpgradeToAWebSocketHandlerIs426NamingWebSocket() throws Exception {
		try (io.mongoose.test.RawHttp http = new io.mongoose.test.RawHttp(server.port())) {
			io.mongoose.test.RawHttp.Response response = http.send("GET", "/echo");
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.header("Upgrade")).isEqualTo("websocket");
			assertThat(response.header("Connection")).isEqualTo("Upgrade");
			assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
			// the connection stays usable for HTTP
			assertThat(http.send("GET", "/plain").text()).isEqualTo("plain");
		}
		assertThat(server.raw("GET /chat HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 426 ")
			.contains("\r\nConnection: Upgrade, close\r\n");
	}

	@Test
	void plainHttpStillWorksBesideWebSockets() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			assertThat(server.get("/plain").body()).isEqualTo("plain");
			send(client, 0x81, utf8("ws"));
			assertThat(read(client).text()).isEqualTo("ws");
		}
	}

	@Test
	void framesSentRightBehindTheHandshakeAreProcessed() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(5000);
			String request = "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			out.writeBytes(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			out.writeBytes(WsTestKit.masked(0x81, utf8("early")));
			socket.getOutputStream().write(out.toByteArray());
			java.io.InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				head.append((char) in.read());
			}
			assertThat(head.toString()).startsWith("HTTP/1.1 101 ");
			assertThat(RawWebSocketClient.readServerFrame(in).text()).isEqualTo("early");
		}
	}

	@Test
	void upgradeRequestHeadersOutliveTheFramesThatReuseTheReceiveBuffer() throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			client.handshake("/headers?room=7", Map.of("X-Client", "probe-1"), true);
			send(client, 0x82, "x".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			send(client, 0x81, utf8("who"));
			// the raw client sends its six headers sorted by name
			assertThat(read(client).text()).isEqualTo("probe-1 room=7 6 Connection");
		}
	}

	private static int status(Map<String, String> headers) throws Exception {
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			return client.handshake("/echo", headers, false).status();
		}
	}

	static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
	}

}
