package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.RunningServer;
import io.mongoose.test.WebSocketRecorder;

/** Happy paths with the JDK's own WebSocket client against the whole-message echo. */
class WebSocketJdkClientTest {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.messageEchoServer();
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void textAndBinaryMessagesAreEchoed() throws Exception {
		WebSocketRecorder recorder = WebSocketRecorder.connect(server.port(), "/echo");
		WebSocket ws = recorder.socket();
		ws.sendText("héllo wörld ✓", true).join();
		assertThat(recorder.nextText()).isEqualTo("héllo wörld ✓");
		byte[] data = WsTestKit.bytes(70_000);
		ws.sendBinary(ByteBuffer.wrap(data), true).join();
		assertThat(recorder.nextBinary()).isEqualTo(data);
		ws.sendClose(1000, "done").join();
		assertClosed(recorder, 1000);
	}

	@Test
	void fragmentedSendArrivesAsOneMessage() throws Exception {
		WebSocketRecorder recorder = WebSocketRecorder.connect(server.port(), "/echo");
		WebSocket ws = recorder.socket();
		ws.sendText("part one, ", false).join();
		ws.sendPing(ByteBuffer.wrap(new byte[] { 1, 2, 3 })).join();
		ws.sendText("part two, ", false).join();
		ws.sendText("end", true).join();
		assertThat(recorder.nextText()).isEqualTo("part one, part two, end");
		ws.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false).join();
		ws.sendBinary(ByteBuffer.wrap(new byte[] { 3 }), true).join();
		assertThat(recorder.nextBinary()).containsExactly(1, 2, 3);
		ws.sendClose(1001, "going").join();
		assertClosed(recorder, 1001);
	}

	@Test
	void closeStartedByTheServerReachesTheClient() throws Exception {
		try (RunningServer s = WsTestKit
			.server(srv -> srv.addUriHandler("/bye", WsTestKit.ws(c -> io.mongoose.Handler.Result.CLOSE)))) {
			WebSocketRecorder recorder = WebSocketRecorder.connect(s.port(), "/bye");
			recorder.socket().sendText("close please", true).join();
			assertClosed(recorder, 1000);
		}
	}

	/** The server closed with {@code code} and an empty reason. */
	private static void assertClosed(WebSocketRecorder recorder, int code) throws Exception {
		assertThat(recorder.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(code);
		assertThat(recorder.closeReason()).isEmpty();
	}

}
