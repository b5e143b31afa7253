package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;
import io.mongoose.test.RawHttp.Response;

/** Cookies in ({@link Connection#cookie}) and out ({@link Cookie}), over real sockets. */
class CookieTest {

	@Test
	void readsCookiesLenientlyAndNeverFails() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/c", c -> {
			c.sendReply(200, "text/plain", c.cookie("a") + "|" + c.cookie("b") + "|" + c.cookie("missing"));
			return Result.DONE;
		}))) {
			assertThat(get(server, "Cookie: a=1; b=\"two words\"")).isEqualTo("1|two words|null");
			assertThat(get(server, "Cookie:   x=0 ;a = 1 ;\tb=2  ")).isEqualTo("1|2|null");
			assertThat(get(server, "Cookie: junk; ;=; a==1=; b")).isEqualTo("=1=|null|null");
			assertThat(get(server, "Cookie: ab=1; A=2", "Cookie: a=3")).isEqualTo("3|null|null");
			assertThat(get(server)).isEqualTo("null|null|null");
		}
	}

	@Test
	void setCookieGoesOutWithWhicheverReplyFollows() throws Exception {
		Cookie session = Cookie.builder("session", "abc123")
			.path("/")
			.domain("example.com")
			.maxAge(Duration.ofHours(1))
			.expires(Instant.parse("2030-01-02T03:04:05Z"))
			.secure(true)
			.httpOnly(true)
			.sameSite(Cookie.SameSite.NONE)
			.build();
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/reply", c -> {
				c.setCookie(session);
				c.sendReply(200, "text/plain", "ok");
				return Result.DONE;
			});
			s.addUriHandler("/redirect", c -> {
				c.setCookie(Cookie.builder("gone", "").maxAge(Duration.ZERO).build());
				c.sendStatus(302).sendHeader("Location", "/reply");
				return Result.DONE;
			});
		})) {
			Response reply = RawHttp.request(server.port(), "GET", "/reply");
			assertThat(reply.header("Set-Cookie"))
				.isEqualTo("session=abc123; Path=/; Domain=example.com; Max-Age=3600; "
						+ "Expires=Wed, 02 Jan 2030 03:04:05 GMT; Secure; HttpOnly; SameSite=None");
			assertThat(reply.text()).isEqualTo("ok");
			Response redirect = RawHttp.request(server.port(), "GET", "/redirect");
			assertThat(redirect.status()).isEqualTo(302);
			assertThat(redirect.header("Set-Cookie")).isEqualTo("gone=; Max-Age=0");
			// the next request on a connection carries no cookie of the last one
			try (RawHttp http = new RawHttp(server.port())) {
				assertThat(http.send("GET", "/reply").header("Set-Cookie")).startsWith("session=");
				assertThat(http.send("GET", "/nothing-here").header("Set-Cookie")).isNull();
			}
		}
	}

	@Test
	void replyHeadersGoOutWithReplyValuesFilesAndErrorPages(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("a.txt"), "file body");
		try (RunningServer server = RunningServer.start(s -> {
			s.addUriHandler("/value", c -> {
				c.addReplyHeader("X-Trace", "v");
				c.send(Reply.of(201).body("made"));
				return Result.DONE;
			});
			s.addUriHandler("/file", c -> {
				c.addReplyHeader("X-Trace", "f");
				c.sendFile(file, "text/plain");
				return Result.DONE;
			});
			s.addUriHandler("/fails", c -> {
				c.addReplyHeader("X-Trace", "e");
				throw new IllegalStateException("boom");
			});
		})) {
			Response value = RawHttp.request(server.port(), "GET", "/value");
			assertThat(value.status()).isEqualTo(201);
			assertThat(value.header("X-Trace")).isEqualTo("v");
			Response sent = RawHttp.request(server.port(), "GET", "/file");
			assertThat(sent.text()).isEqualTo("file body");
			assertThat(sent.header("X-Trace")).isEqualTo("f");
			Response failed = RawHttp.request(server.port(), "GET", "/fails");
			assertThat(failed.status()).isEqualTo(500);
			assertThat(failed.header("X-Trace")).isEqualTo("e");
		}
	}

	@Test
	void refusesWhatWouldSplitTheHeaderOrBeDropped() {
		for (String value : new String[] { "a;b", "a b", "a\r\nSet-Cookie: x=1", "a,b", "a\\b", "\"a\"b\"", "é" }) {
			assertThatIllegalArgumentException().as(value).isThrownBy(() -> Cookie.builder("n", value).build());
		}
		for (String name : new String[] { "", "a b", "a=b", "a;", "a\n" }) {
			assertThatIllegalArgumentException().as(name).isThrownBy(() -> Cookie.builder(name, "v").build());
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("n", "v").path("/;x").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("n", "v").domain("a\r\nb").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Cookie.builder("n", "v").sameSite(Cookie.SameSite.NONE).build())
			.withMessageContaining("SameSite=None requires Secure");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Cookie.builder("__Host-id", "v").secure(true).path("/app").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Cookie.builder("__Secure-id", "v").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Cookie.builder("n", "v").maxAge(Duration.ofSeconds(-1)).build());
		assertThat(Cookie.builder("__Host-id", "\"v\"").secure(true).path("/").sameSite(Cookie.SameSite.STRICT).build())
			.hasToString("__Host-id=\"v\"; Path=/; Secure; SameSite=Strict");
	}

	private static String get(RunningServer server, String... headers) throws Exception {
		Response reply = RawHttp.request(server.port(), "GET", "/c", headers);
		assertThat(reply.status()).isEqualTo(200);
		return reply.text();
	}

}
