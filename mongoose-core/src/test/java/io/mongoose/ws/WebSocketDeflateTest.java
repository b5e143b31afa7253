package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.TIMEOUT;
import static io.mongoose.ws.WsTestKit.expectClose;
import static io.mongoose.ws.WsTestKit.send;
import static io.mongoose.ws.WsTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mongoose.BroadcastResult;
import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/**
 * permessage-deflate (RFC 7692) over real sockets: what each offer is answered, echoes
 * through the strict raw client (which inflates and checks every frame) and the JDK
 * client (which does not offer compression), a zip bomb, RSV1 misuse and broadcasts that
 * deflate once.
 */
class WebSocketDeflateTest {

	/** Compresses well and is over the default 256-byte threshold. */
	private static final String TEXT = "{\"event\":\"price\",\"symbol\":\"MGSE\",\"bid\":101.25,\"ask\":101.5}\n"
		.repeat(40);

	private static final String ENOUGH_MEMORY = "400000";

	@ParameterizedTest(name = "{0} (memory {1}) -> {2}")
	@CsvSource(delimiter = '|', nullValues = "NONE", value = {
			// the default budget (64 KiB) keeps the client's context, not the server's
			"permessage-deflate | 65536 | permessage-deflate; server_no_context_takeover",
			"permessage-deflate | 400000 | permessage-deflate",
			"permessage-deflate | 1 | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
			"permessage-deflate; client_no_context_takeover | 400000 | permessage-deflate; client_no_context_takeover",
			"permessage-deflate; server_no_context_takeover | 400000 | permessage-deflate; server_no_context_takeover",
			"permessage-deflate; client_max_window_bits | 400000 | permessage-deflate",
			"permessage-deflate; client_max_window_bits=8 | 400000 | permessage-deflate",
			"permessage-deflate; server_max_window_bits=15 | 400000 | permessage-deflate; server_max_window_bits=15",
			// a window under 15 bits: no back-references, so no server context either
			"permessage-deflate; server_max_window_bits=9 | 400000 | permessage-deflate; server_no_context_takeover; server_max_window_bits=9",
			"permessage-deflate; server_max_window_bits=\"12\" | 400000 | permessage-deflate; server_no_context_takeover; server_max_window_bits=12",
			// declined offers: the next one is tried
			"permessage-deflate; server_max_window_bits=16, permessage-deflate | 400000 | permessage-deflate",
			"permessage-deflate; x=1, permessage-deflate; client_no_context_takeover | 400000 | permessage-deflate; client_no_context_takeover",
			"permessage-deflate; server_max_window_bits | 400000 | NONE",
			"permessage-deflate; server_max_window_bits=7 | 400000 | NONE",
			"permessage-deflate; server_max_window_bits=09 | 400000 | NONE",
			"permessage-deflate; client_max_window_bits=16 | 400000 | NONE",
			"permessage-deflate; server_no_context_takeover=yes | 400000 | NONE",
			"permessage-deflate; server_no_context_takeover; server_no_context_takeover | 400000 | NONE",
			"permessage-deflate; unknown | 400000 | NONE", "x-webkit-deflate-frame | 400000 | NONE" })
	void answersEachOffer(String offer, String memory, String expected) throws Exception {
		try (RunningServer server = echoServer("websocket_deflate_memory", memory);
				RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/echo",
					Map.of("Sec-WebSocket-Extensions", offer), true);
			assertThat(response.header("Sec-WebSocket-Extensions")).isEqualTo(expected);
			assertThat(response.headers().keySet()).as("the 101 carries only the handshake's fields")
				.containsExactlyInAnyOrder((expected == null)
						? new String[] { "Upgrade", "Connection", "Sec-WebSocket-Accept" }
						: new String[] { "Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions" });
		}
	}

	@Test
	void offTakesNoOffer() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "no");
				RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			assertThat(client.handshake("/echo", Map.of("Sec-WebSocket-Extensions", "permessage-deflate"), true)
				.header("Sec-WebSocket-Extensions")).isNull();
			send(client, 0xC1, RawWebSocketClient.deflate(utf8(TEXT))); // RSV1 not
																		// negotiated
			expectClose(client, CloseCodes.PROTOCOL_ERROR);
		}
	}

	@ParameterizedTest(name = "{0}, memory {1}")
	@CsvSource(delimiter = '|',
			value = { "permessage-deflate | 65536", "permessage-deflate | 400000",
					"permessage-deflate; client_no_context_takeover | 1",
					"permessage-deflate; server_max_window_bits=9 | 65536" })
	void echoesCompressedMessages(String offer, String memory) throws Exception {
		try (RunningServer server = echoServer("websocket_deflate_memory", memory);
				RawWebSocketClient client = deflateClient(server, offer)) {
			for (int i = 0; i < 3; i++) { // the contexts carry on across messages
				String text = i + TEXT;
				client.sendCompressed(0x1, utf8(text), 1 + i); // 1, 2 and 3 frames
				RawWebSocketClient.Message echo = client.readMessage(TIMEOUT);
				assertThat(echo.opcode()).isEqualTo(0x1);
				assertThat(echo.compressed()).isTrue();
				assertThat(echo.text()).isEqualTo(text);
			}
			client.sendCompressed(0x1, utf8("small"), 1);
			RawWebSocketClient.Message small = client.readMessage(TIMEOUT);
			assertThat(small.compressed()).as("under websocket_deflate_threshold").isFalse();
			assertThat(small.text()).isEqualTo("small");
			send(client, 0x82, WsTestKit.bytes(1000)); // an uncompressed message is fine
														// too
			RawWebSocketClient.Message binary = client.readMessage(TIMEOUT);
			assertThat(binary.compressed()).isTrue();
			assertThat(binary.data()).isEqualTo(WsTestKit.bytes(1000));
		}
	}

	@Test
	void compressedFramesAreDeliveredInflatedOneByOne() throws Exception {
		try (RunningServer server = WsTestKit.frameEchoServer();
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			client.sendCompressed(0x1, utf8(TEXT), 3);
			StringBuilder echoed = new StringBuilder();
			RawWebSocketClient.Frame frame;
			do {
				frame = client.readFrame(TIMEOUT);
				assertThat(frame.firstByte() & 0x40).as("handlers see no RSV1").isZero();
				echoed.append(frame.text());
			}
			while (!frame.fin());
			assertThat(echoed.toString()).isEqualTo(TEXT);
		}
	}

	@Test
	void zipBombIsClosedWith1009() throws Exception {
		try (RunningServer server = echoServer("websocket_max_message_size", "65536");
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			byte[] bomb = RawWebSocketClient.deflate(new byte[16 * 1024 * 1024]);
			assertThat(bomb.length).as("16 MiB of zeros deflate to a frame the limit lets in").isLessThan(20_000);
			send(client, 0xC2, bomb);
			expectClose(client, CloseCodes.MESSAGE_TOO_BIG);
			WsTestKit.assertServesFresh(server);
		}
	}

	@Test
	void messageOfExactlyTheLimitIsInflated() throws Exception {
		try (RunningServer server = echoServer("websocket_max_message_size", "65536");
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			client.sendCompressed(0x2, new byte[65536], 4);
			assertThat(client.readMessage(TIMEOUT).data()).hasSize(65536);
			client.sendCompressed(0x2, new byte[65537], 1);
			expectClose(client, CloseCodes.MESSAGE_TOO_BIG);
		}
	}

	@Test
	void invalidDeflateDataIsClosedWith1007() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "yes");
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			send(client, 0xC1, new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12 }); // reserved
																							// block
																							// type
			expectClose(client, CloseCodes.INVALID_PAYLOAD);
		}
	}

	@ParameterizedTest(name = "first byte {0}")
	@CsvSource({ "0xC9", "0xA1", "0x91" }) // RSV1 on a ping, RSV2, RSV3
	void reservedBitsBeyondRsv1OfDataAreProtocolErrors(String firstByte) throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "yes");
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			send(client, Integer.decode(firstByte), new byte[0]);
			expectClose(client, CloseCodes.PROTOCOL_ERROR);
		}
	}

	@Test
	void rsv1OnAContinuationIsAProtocolError() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "yes");
				RawWebSocketClient client = deflateClient(server, "permessage-deflate")) {
			byte[] compressed = client.compress(utf8(TEXT));
			send(client, 0x41, java.util.Arrays.copyOf(compressed, 10));
			send(client, 0xC0, java.util.Arrays.copyOfRange(compressed, 10, compressed.length));
			expectClose(client, CloseCodes.PROTOCOL_ERROR);
		}
	}

	@Test
	void rsv1WithoutNegotiationIsAProtocolError() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "yes");
				RawWebSocketClient client = WsTestKit.open(server, "/echo")) {
			send(client, 0xC1, RawWebSocketClient.deflate(utf8(TEXT)));
			expectClose(client, CloseCodes.PROTOCOL_ERROR);
		}
	}

	@Test
	void jdkClientWithoutCompressionStillEchoes() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate", "yes")) {
			CompletableFuture<String> received = new CompletableFuture<>();
			StringBuilder text = new StringBuilder();
			WebSocket ws = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						text.append(data);
						if (last) {
							received.complete(text.toString());
						}
						webSocket.request(1);
						return null;
					}
				})
				.get(5, TimeUnit.SECONDS);
			ws.sendText(TEXT, true).get(5, TimeUnit.SECONDS);
			assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(TEXT);
			ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void broadcastDeflatesOnceForAllWithoutServerContext() throws Exception {
		try (RunningServer server = echoServer("websocket_deflate_memory", ENOUGH_MEMORY)) {
			List<RawWebSocketClient> shared = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				shared.add(deflateClient(server, "permessage-deflate; server_no_context_takeover"));
			}
			RawWebSocketClient own = deflateClient(server, "permessage-deflate");
			RawWebSocketClient huffman = deflateClient(server, "permessage-deflate; server_max_window_bits=10");
			RawWebSocketClient plain = WsTestKit.open(server, "/echo");
			try {
				assertThat(own.serverNoContextTakeover()).isFalse();
				for (int round = 0; round < 2; round++) {
					String text = round + TEXT;
					long before = MessageDeflater.messages();
					BroadcastResult result = server.server()
						.websocketBroadcast(null, null, 1, utf8(text))
						.get(10, TimeUnit.SECONDS);
					assertThat(result.reached()).isEqualTo(6);
					assertThat(MessageDeflater.messages() - before)
						.as("one frame for the three without context, one Huffman-only, one for the context")
						.isEqualTo(3);
					for (RawWebSocketClient client : List.of(shared.get(0), shared.get(1), shared.get(2), own,
							huffman)) {
						RawWebSocketClient.Message m = client.readMessage(TIMEOUT);
						assertThat(m.compressed()).isTrue();
						assertThat(m.text()).isEqualTo(text);
					}
					RawWebSocketClient.Message m = plain.readMessage(TIMEOUT);
					assertThat(m.compressed()).isFalse();
					assertThat(m.text()).isEqualTo(text);
				}
			}
			finally {
				for (RawWebSocketClient c : shared) {
					c.close();
				}
				own.close();
				huffman.close();
				plain.close();
			}
		}
	}

	private static RunningServer echoServer(String option, String value) throws InterruptedException {
		return WsTestKit.server(s -> {
			assertThat(s.setOption(option, value)).isNull();
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			s.addUriHandler("/echo", WsTestKit.MESSAGE_ECHO);
		});
	}

	/** Upgrades {@code /echo} offering {@code offer}; fails unless it is accepted. */
	private static RawWebSocketClient deflateClient(RunningServer server, String offer) throws Exception {
		RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port());
		client.useDeflate(client.handshake("/echo", Map.of("Sec-WebSocket-Extensions", offer), true)
			.header("Sec-WebSocket-Extensions"));
		return client;
	}

}
