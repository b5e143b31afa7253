package io.mongoose;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.mongoose.test.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code reuse_port}: two servers bind the same port, each its own socket, and the kernel
 * spreads connections between them; without it the second bind fails.
 */
class ReusePortTest {

	@Test
	void twoServersBindOnePortAndBothAccept() throws Exception {
		try (Server first = server("first"); Server second = server("second")) {
			first.setOptions(Map.of("reuse_port", "yes", "listening_port", "127.0.0.1:0"));
			// the same address too: a more specific address would take every connection
			String port = "127.0.0.1:" + first.getLocalPort();
			second.setOptions(Map.of("reuse_port", "yes", "listening_port", port));
			assertThat(second.getListeningSocket()).isNotSameAs(first.getListeningSocket());
			assertThat(second.getLocalPort()).isEqualTo(first.getLocalPort());
			first.start();
			second.start();
			Set<String> answered = ConcurrentHashMap.newKeySet();
			// a new connection per request: the kernel picks a socket per connection, by
			// a
			// hash of the client's port, so 200 connections reach both (1 in 2^199 not)
			for (int i = 0; i < 200 && answered.size() < 2; i++) {
				answered.add(RawHttp.request(first.getLocalPort(), "GET", "/who").text());
			}
			assertThat(answered).containsExactlyInAnyOrder("first", "second");
		}
	}

	@Test
	void withoutReusePortTheSecondBindIsRefused() {
		try (Server first = server("first"); Server second = server("second")) {
			first.setOptions(Map.of("listening_port", "127.0.0.1:0"));
			String port = "127.0.0.1:" + first.getLocalPort();
			assertThatExceptionOfType(PortBindException.class)
				.isThrownBy(() -> second.setOptions(Map.of("listening_port", port)));
		}
	}

	@Test
	void reusePortIsABoolean() {
		try (Server server = server("any")) {
			assertThat(server.setOption("reuse_port", "maybe")).contains("reuse_port");
			assertThat(server.setOption("reuse_port", "YES")).isNull();
			assertThat(server.getOption("reuse_port")).isEqualToIgnoringCase("yes");
		}
	}

	private static Server server(String name) {
		Server server = Server.create(null);
		server.addUriHandler("/who", (c) -> {
			c.send(Reply.of(200).body(name));
			return Handler.Result.DONE;
		});
		return server;
	}

}
