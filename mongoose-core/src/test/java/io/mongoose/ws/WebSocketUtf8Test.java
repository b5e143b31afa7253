package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.assertServesFresh;
import static io.mongoose.ws.WsTestKit.expectClose;
import static io.mongoose.ws.WsTestKit.open;
import static io.mongoose.ws.WsTestKit.read;
import static io.mongoose.ws.WsTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/**
 * UTF-8 of text messages, checked incrementally across fragments (whole-message echo).
 */
class WebSocketUtf8Test {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.messageEchoServer();
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest(name = "valid {0}")
	@ValueSource(strings = { "", "48656c6c6f", "cebae1bdb9cf83cebcceb5", "c2a0", "dfbf", "e0a080", "efbfbf", "ed9fbf",
			"ee8080", "f0908080", "f48fbfbf", "7f", "f09f9880e282ac" })
	void validTextSplitAtEveryByteIsEchoed(String hex) throws Exception {
		byte[] text = HexFormat.of().parseHex(hex);
		try (RawWebSocketClient client = open(server, "/echo")) {
			sendInOneByteFragments(client, text);
			RawWebSocketClient.Frame frame = read(client);
			assertThat(frame.firstByte()).isEqualTo(0x81);
			assertThat(frame.payload()).isEqualTo(text);
		}
	}

	@ParameterizedTest(name = "invalid {0}")
	@ValueSource(strings = { "80", "bf", "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08f8080", "f4908080", "f5",
			"ff", "fe", "c2", "e0a0", "f09080", "48656c6c6fce", "cebae1bdb9cf83cebcceb5eda080656469746564" })
	void invalidTextSplitAtEveryByteFailsWith1007(String hex) throws Exception {
		byte[] text = HexFormat.of().parseHex(hex);
		try (RawWebSocketClient client = open(server, "/echo")) {
			sendInOneByteFragments(client, text);
			expectClose(client, 1007);
		}
		assertServesFresh(server);
	}

	@Test
	void invalidUtf8InAnUnfinishedMessageFailsFast() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x01, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080"));
			// no final fragment is ever sent: the server must not wait for it
			expectClose(client, 1007);
		}
	}

	@Test
	void invalidUtf8InOneFrameFailsWith1007() throws Exception {
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x81, HexFormat.of().parseHex("f4908080"));
			expectClose(client, 1007);
		}
	}

	@Test
	void binaryMessagesAreNotChecked() throws Exception {
		byte[] data = HexFormat.of().parseHex("ff80c0");
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x82, data);
			assertThat(read(client).payload()).isEqualTo(data);
		}
	}

	@Test
	void invalidUtf8InACloseReasonFailsWith1007() throws Exception {
		byte[] payload = Arrays.copyOf(new byte[] { 0x03, (byte) 0xE8 }, 6);
		System.arraycopy(HexFormat.of().parseHex("cebaeda0"), 0, payload, 2, 4);
		try (RawWebSocketClient client = open(server, "/echo")) {
			send(client, 0x88, payload);
			expectClose(client, 1007);
		}
		assertServesFresh(server);
	}

	private static void sendInOneByteFragments(RawWebSocketClient client, byte[] text) throws Exception {
		if (text.length <= 1) {
			send(client, 0x81, text);
			return;
		}
		for (int i = 0; i < text.length; i++) {
			int first = (i == 0) ? 0x01 : (i == text.length - 1) ? 0x80 : 0x00;
			send(client, first, new byte[] { text[i] });
		}
	}

}
