package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

	@Test
	void helloOverHttpClient() throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/hello", c -> {
			c.sendReply(200, "text/plain", "Hello, world!");
			return Handler.Result.DONE;
		}))) {
			var r = rs.get("/hello");
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(r.body()).isEqualTo("Hello, world!");
			assertThat(rs.get("/nope").statusCode()).isEqualTo(404);
			System.out.println(rs.raw("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
		}
	}

}
