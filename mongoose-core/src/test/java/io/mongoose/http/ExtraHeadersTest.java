package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawWebSocketClient;

/** {@code extra_headers}: the same headers on every reply the server writes. */
class ExtraHeadersTest {

	private static final String HEADERS = "X-Content-Type-Options: nosniff\n"
			+ "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n\nReferrer-Policy:same-origin";

	@Test
	void everyKindOfReplyCarriesThem(@TempDir Path root) throws Exception {
		Files.writeString(root.resolve("page.html"), "<p>hi</p>");
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("extra_headers", HEADERS)).isNull();
			assertThat(s.setOption("document_root", root.toString())).isNull();
			s.addUriHandler("/reply", c -> {
				c.sendReply(200, "text/plain", "reply");
				return Result.DONE;
			});
			s.addUriHandler("/streamed", c -> {
				c.sendStatus(201).sendHeader("Content-Type", "text/plain");
				c.sendData("streamed");
				return Result.DONE;
			});
			s.addUriHandler("/data", c -> {
				c.sendData("data only");
				return Result.DONE;
			});
			s.addUriHandler("/ws", io.mongoose.WebSocketHandler.of(c -> Result.DONE));
		})) {
			for (String path : List.of("/reply", "/streamed", "/data", "/page.html", "/missing.html")) {
				HttpResponse<String> response = server.get(path);
				assertThat(response.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
				assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
					.hasValue("default-src 'self'; frame-ancestors 'none'");
				assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
			}
			assertThat(server.get("/streamed").body()).isEqualTo("streamed");
			assertThat(server.get("/missing.html").statusCode()).isEqualTo(404);
			try (RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port())) {
				assertThat(client.handshake("/ws", Map.of(), true).header("X-Content-Type-Options"))
					.as("not on a 101: the connection is no longer HTTP")
					.isNull();
			}
		}
	}

	@Test
	void invalidLinesAreAnErrorAndUnsettingRemovesThem() throws Exception {
		Server server = Server.create(null);
		try {
			assertThat(server.setOption("extra_headers", "X-Ok: yes\nno colon here"))
				.isEqualTo("Invalid extra_headers line 'no colon here': expected Name: value");
			assertThat(server.setOption("extra_headers", "Bad Name: x")).contains("'Bad Name: x'");
			assertThat(server.setOption("extra_headers", "X-Empty:")).contains("'X-Empty:'");
			assertThat(server.setOption("extra_headers", "X-Uni: \u0101")).contains("cannot be sent in a header");
			assertThat(server.getOption("extra_headers")).isEmpty();
		}
		finally {
			server.destroy();
		}
		try (RunningServer server2 = RunningServer.start(s -> {
			s.setOption("extra_headers", "X-Frame-Options: DENY");
			s.setOption("extra_headers", "");
			s.addUriHandler("/reply", c -> {
				c.sendReply(200, "text/plain", "reply");
				return Result.DONE;
			});
		})) {
			assertThat(server2.get("/reply").headers().firstValue("X-Frame-Options")).isEmpty();
		}
	}

}
