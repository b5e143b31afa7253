package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mongoose.Connection;
import io.mongoose.RunningServer;
import io.mongoose.WebSocketHandler;
import io.mongoose.WebSocketOpcode;
import io.mongoose.test.WebSocketRecorder;

/**
 * {@link WebSocketHandler#onText} and {@link WebSocketHandler#onBinary}: whole messages
 * even with the seed's per-frame default, and the opcode enum.
 */
class WebSocketMessageCallbacksTest {

	/** Text back in capitals, binary back reversed: proof that the right callback ran. */
	static final class Shouter implements WebSocketHandler {

		@Override
		public void onText(Connection connection, String text) {
			connection.websocketWrite(text.toUpperCase(java.util.Locale.ROOT));
		}

		@Override
		public void onBinary(Connection connection, byte[] data) {
			byte[] reversed = new byte[data.length];
			for (int i = 0; i < data.length; i++) {
				reversed[i] = data[data.length - 1 - i];
			}
			connection.websocketWrite(WebSocketOpcode.BINARY.code(), reversed);
		}

	}

	@Test
	void fragmentedMessagesReachTheCallbacksWhole() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/shout", new Shouter()))) {
			WebSocketRecorder recorder = WebSocketRecorder.connect(server.port(), "/shout");
			WebSocket ws = recorder.socket();
			ws.sendText("héllo, ", false).join();
			ws.sendText("wörld", true).join();
			assertThat(recorder.nextText()).isEqualTo("HÉLLO, WÖRLD");
			ws.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false).join();
			ws.sendBinary(ByteBuffer.wrap(new byte[] { 3 }), true).join();
			assertThat(recorder.nextBinary()).containsExactly(3, 2, 1);
			ws.sendClose(1000, "").join();
			assertThat(recorder.closeCode().get(5, TimeUnit.SECONDS)).isEqualTo(1000);
			assertThat(recorder.closeReason()).isEmpty();
		}
	}

	@Test
	void aHandlerThatKeepsHandleStillSeesSingleFrames() throws Exception {
		WebSocketHandler frames = new WebSocketHandler() {
			@Override
			public Result handle(Connection c) {
				c.websocketWrite(WebSocketOpcode.of(c.wsBits()) + " " + c.content().length);
				return Result.DONE;
			}
		};
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/frames", frames))) {
			WebSocketRecorder recorder = WebSocketRecorder.connect(server.port(), "/frames");
			WebSocket ws = recorder.socket();
			ws.sendText("ab", false).join();
			ws.sendText("c", true).join();
			assertThat(recorder.nextText()).isEqualTo("TEXT 2");
			assertThat(recorder.nextText()).isEqualTo("CONTINUATION 1");
		}
	}

	@Test
	void opcodesByName() {
		assertThat(WebSocketOpcode.of(0x81)).isEqualTo(WebSocketOpcode.TEXT);
		assertThat(WebSocketOpcode.of(0x02)).isEqualTo(WebSocketOpcode.BINARY);
		assertThat(WebSocketOpcode.PONG.code()).isEqualTo(0xA);
		assertThatIllegalArgumentException().isThrownBy(() -> WebSocketOpcode.of(0x83)).withMessageContaining("0x3");
	}

}
