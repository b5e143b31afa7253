package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawWebSocketClient;

/**
 * {@code websocket_allowed_origins}: which pages may open a WebSocket (cross-site
 * WebSocket hijacking).
 */
class WebSocketOriginTest {

	@Test
	void byDefaultOnlyPagesOfTheRequestsOwnHostAndPortMayUpgrade() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/echo", WsTestKit.FRAME_ECHO))) {
			int port = server.port();
			assertThat(status(server, null, null)).as("no Origin: not a browser").isEqualTo(101);
			assertThat(status(server, "http://127.0.0.1:" + port, null)).isEqualTo(101);
			assertThat(status(server, "http://localhost:" + port, "localhost:" + port)).isEqualTo(101);
			assertThat(status(server, "HTTPS://Example.COM:443", "example.com")).as("case, default port")
				.isEqualTo(101);
			assertThat(status(server, "https://example.com", "example.com:443")).isEqualTo(101);
			assertThat(status(server, "http://evil.example", null)).isEqualTo(403);
			assertThat(status(server, "http://127.0.0.1:" + (port + 1), null)).as("another port").isEqualTo(403);
			assertThat(status(server, "http://localhost:" + port, null)).as("another host name").isEqualTo(403);
			assertThat(status(server, "http://127.0.0.1:" + port + ".evil.example", null)).isEqualTo(403);
			assertThat(status(server, "null", null)).as("sandboxed or file: page").isEqualTo(403);
			WsTestKit.assertServesFresh(server);
		}
	}

	@Test
	void refusedOriginIs403AndTheConnectionIsClosed() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/echo", WsTestKit.FRAME_ECHO));
				RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			RawWebSocketClient.HandshakeResponse response = client.handshake("/echo",
					Map.of("Origin", "http://evil.example"), false);
			assertThat(response.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@Test
	void listedOriginsAreAllowedBesideTheSameOrigin() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
			assertThat(s.setOption("websocket_allowed_origins", "https://app.example.com, http://localhost:3000"))
				.isNull();
		})) {
			assertThat(status(server, "https://app.example.com", null)).isEqualTo(101);
			assertThat(status(server, "https://app.example.com:443", null)).isEqualTo(101);
			assertThat(status(server, "http://localhost:3000", null)).isEqualTo(101);
			assertThat(status(server, "http://127.0.0.1:" + server.port(), null)).isEqualTo(101);
			assertThat(status(server, "http://app.example.com", null)).as("another scheme").isEqualTo(403);
			assertThat(status(server, "http://evil.example", null)).isEqualTo(403);
		}
	}

	@Test
	void starAllowsAnyOrigin() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> {
			s.addUriHandler("/echo", WsTestKit.FRAME_ECHO);
			s.setOption("websocket_allowed_origins", "*");
		})) {
			assertThat(status(server, "http://evil.example", null)).isEqualTo(101);
			assertThat(status(server, "null", null)).isEqualTo(101);
		}
	}

	@Test
	void invalidListIsAnErrorAndUnsettingRestoresTheSameOriginDefault() {
		Server server = Server.create(null);
		try {
			assertThat(server.getOption("websocket_allowed_origins")).isEmpty();
			assertThat(server.setOption("websocket_allowed_origins", "https://ok.example, app.example.com"))
				.isEqualTo("Invalid value for websocket_allowed_origins: 'app.example.com' is not * or an origin "
						+ "like https://example.com:8443");
			assertThat(server.setOption("websocket_allowed_origins", "https://ok.example/")).contains("is not * or");
			assertThat(server.getOption("websocket_allowed_origins")).isEmpty();
			assertThat(server.setOption("websocket_allowed_origins", "*")).isNull();
			assertThat(server.getOption("websocket_allowed_origins")).isEqualTo("*");
			assertThat(server.setOption("websocket_allowed_origins", "")).isNull();
			assertThat(server.getOption("websocket_allowed_origins")).isEmpty();
		}
		finally {
			server.destroy();
		}
	}

	/**
	 * The handshake's status with {@code origin} (null: none) and {@code host} (null: the
	 * address dialled).
	 */
	private static int status(RunningServer server, String origin, String host) throws Exception {
		Map<String, String> headers = new HashMap<>();
		if (origin != null) {
			headers.put("Origin", origin);
		}
		if (host != null) {
			headers.put("Host", host);
		}
		try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
			return client.handshake("/echo", headers, false).status();
		}
	}

}
