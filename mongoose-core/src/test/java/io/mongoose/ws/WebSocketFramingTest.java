package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.assertServesFresh;
import static io.mongoose.ws.WsTestKit.bytes;
import static io.mongoose.ws.WsTestKit.expectClose;
import static io.mongoose.ws.WsTestKit.open;
import static io.mongoose.ws.WsTestKit.read;
import static io.mongoose.ws.WsTestKit.send;
import static io.mongoose.ws.WsTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/** Frame-level protocol over a real socket, per-frame delivery (the seed's behaviour). */
class WebSocketFramingTest {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.frameEchoServer();
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 127, 65535, 65536, 100_000 })
	void everyLengthEncodingRoundTrips(int length) throws Exception {
		byte[] payload = bytes(length);
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x82, payload);
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.firstByte()).isEqualTo(0x82);
			assertThat(frame.payload()).isEqualTo(payload);
		}
	}

	@Test
	void lengthInTheLongestFormIsAccepted() throws Exception {
		byte[] payload = bytes(10);
		byte[] mask = { 1, 2, 3, 4 };
		try (RawWebSocketClient client = open(server, "/echo")) {
			client.sendRaw(RawWebSocketClient.encodeFrame(0x82, payload, mask, true));
			assertThat(read(client).payload()).isEqualTo(payload);
		}
	}

	@Test
	void serverFramesUseTheShortestLengthForm() throws Exception {
		RunningServer s = WsTestKit.server(srv -> srv.addUriHandler("/w", WsTestKit.ws(c -> {
			c.websocketWrite(2, new byte[Integer.parseInt(new String(c.content()))]);
			return io.mongoose.Handler.Result.DONE;
		})));
		try (s; java.net.Socket socket = WsTestKit.upgradeSocket(s, "/w")) {
			java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
			for (int n : new int[] { 0, 125, 126, 65535, 65536 }) {
				socket.getOutputStream().write(WsTestKit.masked(0x81, utf8(Integer.toString(n))));
				int b0 = in.readUnsignedByte();
				int b1 = in.readUnsignedByte();
				assertThat(b0).isEqualTo(0x82);
				long length;
				if (n <= 125) {
					assertThat(b1).isEqualTo(n);
					length = b1;
				}
				else if (n <= 65535) {
					assertThat(b1).isEqualTo(126);
					length = in.readUnsignedShort();
				}
				else {
					assertThat(b1).isEqualTo(127);
					length = in.readLong();
				}
				assertThat(length).isEqualTo(n);
				in.readFully(new byte[n]);
			}
		}
	}

	@Test
	void pingIsAnsweredWithPongCarryingTheSamePayload() throws Exception {
		byte[] payload = bytes(125);
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x89, payload);
			RawWebSocketClient.Frame pong = read(client);
			assertThat(pong.firstByte()).isEqualTo(0x8A);
			assertThat(pong.payload()).isEqualTo(payload);
			send(client, 0x89, new byte[0]);
			assertThat(read(client).firstByte()).isEqualTo(0x8A);
		}
	}

	@Test
	void pingOf126BytesFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x89, bytes(126));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void unsolicitedPongIsIgnored() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x8A, utf8("unsolicited"));
			send(client, 0x81, utf8("after"));
			assertThat(read(client).text()).isEqualTo("after");
		}
	}

	@ParameterizedTest(name = "RSV bits 0x{0}")
	@ValueSource(ints = { 0x10, 0x20, 0x40, 0x70 })
	void rsvBitsFailWith1002(int rsv) throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x81, utf8("ok"));
			assertThat(read(client).text()).isEqualTo("ok");
			send(client, 0x80 | rsv | 0x1, utf8("bad"));
			send(client, 0x89, new byte[0]);
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { 3, 4, 5, 6, 7, 11, 12, 13, 14, 15 })
	void reservedOpcodesFailWith1002(int opcode) throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x80 | opcode, utf8("x"));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void unmaskedClientFrameFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			client.sendFrame(0x81, utf8("not masked"), false);
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void fragmentsArriveOneByOneWithTheirFirstBytesAndInterleavedPingsAreAnswered() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x01, utf8("frag1 "));
			send(client, 0x89, utf8("p1"));
			send(client, 0x00, utf8("frag2 "));
			send(client, 0x89, utf8("p2"));
			send(client, 0x80, utf8("frag3"));
			int[] expectedBits = { 0x01, 0x8A, 0x00, 0x8A, 0x80 };
			String[] expectedText = { "frag1 ", "p1", "frag2 ", "p2", "frag3" };
			for (int i = 0; i < expectedBits.length; i++) {
				RawWebSocketClient.Frame frame = read(client);
				assertThat(frame.firstByte()).as("frame %d", i).isEqualTo(expectedBits[i]);
				assertThat(frame.text()).isEqualTo(expectedText[i]);
			}
		}
	}

	@Test
	void continuationWithoutAMessageFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x80, utf8("orphan"));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void newDataFrameInsideAnOpenMessageFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x01, utf8("start"));
			assertThat(read(client).firstByte()).isEqualTo(0x01);
			send(client, 0x81, utf8("again"));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void fragmentedControlFrameFailsWith1002() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x09, utf8("ping part"));
			expectClose(client, 1002);
		}
		assertServesFresh(server);
	}

	@Test
	void thousandSmallMessagesInOneWriteComeBackInOrder() throws Exception {
		ByteArrayOutputStream burst = new ByteArrayOutputStream();
		for (int i = 0; i < 1000; i++) {
			burst.writeBytes(WsTestKit.masked(0x81, utf8("m" + i)));
		}
		try (RawWebSocketClient client = open(server, "/echo")) {
			client.sendRaw(burst.toByteArray());
			for (int i = 0; i < 1000; i++) {
				RawWebSocketClient.Frame frame = read(client);
				assertThat(frame.firstByte()).isEqualTo(0x81);
				assertThat(frame.text()).isEqualTo("m" + i);
			}
		}
	}

	@Test
	void framesSplitAcrossTcpSegmentsAreReassembledByTheDecoder() throws Exception {
		byte[] frame = WsTestKit.masked(0x81, utf8("byte by byte"));
		try (RawWebSocketClient client = open(server, "/echo")) {
			for (byte b : frame) {
				client.sendRaw(new byte[] { b });
			}
			assertThat(read(client).text()).isEqualTo("byte by byte");
		}
	}

}
