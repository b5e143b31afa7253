package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.RunningServer;
import io.mongoose.test.RawWebSocketClient;

/** The authorization hook runs before a WebSocket handshake, as before any handler. */
class WebSocketAuthTest {

	@Test
	void upgradeIsRefusedWhenTheAuthHookAnswers() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.addUriHandler("/ws", WsTestKit.ws(c -> Result.DONE));
			s.setAuthHandler(c -> {
				if ("let-me-in".equals(c.getHeader("X-Token"))) {
					return Result.NOT_HANDLED;
				}
				c.sendReply(401, "text/plain", "no token");
				return Result.DONE;
			});
		})) {
			try (RawWebSocketClient refused = new RawWebSocketClient("127.0.0.1", server.port())) {
				assertThat(refused.handshake("/ws", Map.of(), false).status()).isEqualTo(401);
				assertThat(refused.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
			}
			try (RawWebSocketClient allowed = new RawWebSocketClient("127.0.0.1", server.port())) {
				assertThat(allowed.handshake("/ws", Map.of("X-Token", "let-me-in"), false).status()).isEqualTo(101);
			}
		}
	}

}
