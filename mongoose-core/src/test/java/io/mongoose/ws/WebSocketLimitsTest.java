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
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/** Size limits, large and heavily fragmented messages, idle pings. */
class WebSocketLimitsTest {

	private static final int MIB = 1024 * 1024;

	@Test
	void messageOf16MiBIsEchoedAndOneByteMoreFailsWith1009() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			// the echo of a 16 MiB message needs a send queue that holds it
			assertThat(s.setOption("send_queue_limit", Integer.toString(17 * MIB))).isNull();
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			s.addUriHandler("/echo", WsTestKit.MESSAGE_ECHO);
		})) {
			byte[] payload = bytes(16 * MIB);
			try (RawWebSocketClient client = open(server, "/echo")) {
				send(client, 0x82, payload);
				RawWebSocketClient.Frame frame = client.readFrame(Duration.ofSeconds(20));
				assertThat(frame.firstByte()).isEqualTo(0x82);
				assertThat(frame.payload()).isEqualTo(payload);
			}
			try (RawWebSocketClient client = open(server, "/echo")) {
				// only the header: the server must refuse before any payload arrives
				client.sendRaw(new byte[] { (byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3, 4 });
				expectClose(client, 1009);
			}
			assertServesFresh(server);
		}
	}

	@Test
	void framesAreChargedToTheServerBudgetAsTheyArriveAndTheOneThatDoesNotFitIsClosedWith1008() throws Exception {
		int budget = 200_000;
		try (RunningServer server = WsTestKit.server(s -> {
			assertThat(s.setOption("max_buffered_bytes", Integer.toString(budget))).isNull();
			assertThat(s.setOption("websocket_whole_messages", "yes")).isNull();
			s.addUriHandler("/echo", WsTestKit.MESSAGE_ECHO);
		}); RawWebSocketClient a = open(server, "/echo"); RawWebSocketClient b = open(server, "/echo")) {
			// headers alone announcing 16 MiB frames cost nothing
			List<RawWebSocketClient> idle = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				idle.add(open(server, "/echo"));
				idle.get(i).sendRaw(new byte[] { (byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 4 });
			}
			// a holds a 60,000-byte fragment; the pong says it has been taken in
			send(a, 0x02, bytes(60_000));
			send(a, 0x89, utf8("taken"));
			assertThat(read(a).text()).isEqualTo("taken");
			// b's 150,000-byte frame does not fit beside it
			send(b, 0x82, bytes(150_000));
			expectClose(b, 1008);
			// a's message (60,000 + 30,000, then its reassembled copy) fits only if b's
			// charge came back
			send(a, 0x80, bytes(30_000));
			RawWebSocketClient.Frame echoed = a.readFrame(Duration.ofSeconds(10));
			assertThat(echoed.firstByte()).isEqualTo(0x82);
			assertThat(echoed.payload()).hasSize(90_000);
			// and a fresh client gets the whole budget once a's message is consumed
			try (RawWebSocketClient c = open(server, "/echo")) {
				byte[] whole = bytes(budget);
				send(c, 0x82, whole);
				assertThat(c.readFrame(Duration.ofSeconds(10)).payload()).isEqualTo(whole);
			}
			for (RawWebSocketClient client : idle) {
				client.close();
			}
		}
	}

	@Test
	void fragmentedMessageOverTheLimitFailsWith1009InBothDeliveryModes() throws Exception {
		for (String whole : new String[] { "yes", "no" }) {
			try (RunningServer server = WsTestKit.server(s -> {
				s.setOption("websocket_max_message_size", "1000");
				s.setOption("websocket_whole_messages", whole);
				s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
			}); RawWebSocketClient client = open(server, "/echo")) {
				send(client, 0x02, bytes(400));
				send(client, 0x00, bytes(400));
				send(client, 0x80, bytes(400));
				RawWebSocketClient.Frame frame = read(client);
				if (whole.equals("no")) { // the first two fragments were delivered one by
											// one
					assertThat(frame.firstByte()).isEqualTo(0x02);
					assertThat(read(client).firstByte()).isEqualTo(0x00);
					frame = read(client);
				}
				assertThat(frame.opcode()).isEqualTo(8);
				assertThat(frame.closeCode()).isEqualTo(1009);
				assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
			}
		}
	}

	@Test
	void fourMiBMessageIn64ByteFragmentsIsReassembled() throws Exception {
		byte[] payload = new byte[4 * MIB];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) ('a' + i % 26);
		}
		ByteArrayOutputStream wire = new ByteArrayOutputStream(payload.length * 2);
		byte[] mask = { 9, 8, 7, 6 };
		for (int off = 0; off < payload.length; off += 64) {
			int first = (off == 0) ? 0x01 : (off + 64 >= payload.length) ? 0x80 : 0x00;
			wire.writeBytes(RawWebSocketClient.encodeFrame(first, java.util.Arrays.copyOfRange(payload, off, off + 64),
					mask, false));
		}
		try (RunningServer server = WsTestKit.messageEchoServer(); RawWebSocketClient client = open(server, "/echo")) {
			client.sendRaw(wire.toByteArray());
			RawWebSocketClient.Frame frame = client.readFrame(Duration.ofSeconds(20));
			assertThat(frame.firstByte()).isEqualTo(0x81);
			assertThat(frame.payload()).isEqualTo(payload);
		}
	}

	@Test
	void idleWebSocketIsPingedAndSurvivesTheIdleTimeoutWhileItAnswers() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.setOption("websocket_ping_interval_ms", "100");
			s.setOption("idle_timeout_ms", "1000");
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
		}); RawWebSocketClient client = open(server, "/echo")) {
			int pings = 0;
			long end = System.currentTimeMillis() + 2500; // well past the idle timeout
			while (System.currentTimeMillis() < end) {
				RawWebSocketClient.Frame frame = read(client);
				assertThat(frame.firstByte()).isEqualTo(0x89);
				assertThat(frame.payload()).isEmpty();
				send(client, 0x8A, frame.payload());
				pings++;
			}
			assertThat(pings).isGreaterThanOrEqualTo(5);
			send(client, 0x81, utf8("still here"));
			RawWebSocketClient.Frame frame;
			do {
				frame = read(client);
			}
			while (frame.opcode() == 0x9);
			assertThat(frame.text()).isEqualTo("still here");
		}
	}

	@Test
	void peerThatNeverAnswersPingsIsClosedAfterTwoIntervalsPlusTheIdleTimeout() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.setOption("websocket_ping_interval_ms", "100");
			s.setOption("idle_timeout_ms", "300");
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
		}); RawWebSocketClient client = open(server, "/echo")) {
			long start = System.currentTimeMillis();
			assertThat(read(client).firstByte()).isEqualTo(0x89);
			assertThat(client.isClosedByServer(Duration.ofSeconds(4))).isTrue();
			assertThat(System.currentTimeMillis() - start).isGreaterThanOrEqualTo(450);
		}
	}

	@Test
	void withoutPingsTheIdleTimeoutClosesAWebSocket() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.setOption("websocket_ping_interval_ms", "0");
			s.setOption("idle_timeout_ms", "300");
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
		}); RawWebSocketClient client = open(server, "/echo")) {
			try {
				client.readFrame(Duration.ofMillis(200));
				throw new AssertionError("no frame expected when pings are off");
			}
			catch (SocketTimeoutException expected) {
				// nothing was sent
			}
			assertThat(client.isClosedByServer(Duration.ofSeconds(3))).isTrue();
		}
	}

}
