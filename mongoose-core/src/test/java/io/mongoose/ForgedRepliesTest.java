package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;

/**
 * A reply cannot be forged through the reply helpers: header text is checked where it is
 * written, a refused header or an oversized reply becomes a complete 500 (or what the
 * handler answers instead), never a split, truncated or empty reply.
 */
class ForgedRepliesTest {

	private static final int SEND_QUEUE_LIMIT = 65536;

	private static final List<String> refusals = new CopyOnWriteArrayList<>();

	private static final Map<String, Integer> replies = new ConcurrentHashMap<>();

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(s -> {
			s.setOption("send_queue_limit", Integer.toString(SEND_QUEUE_LIMIT));
			// a redirect that reflects the query, decoded as UTF-8 (as a naive
			// application does)
			s.addUriHandler("/go", c -> {
				String to = URLDecoder.decode(c.queryString(), StandardCharsets.UTF_8);
				c.sendStatus(302).sendHeader("Location", "/next?" + to);
				return Result.DONE;
			});
			s.addUriHandler("/type", c -> {
				c.sendReply(200, URLDecoder.decode(c.queryString(), StandardCharsets.UTF_8), "body");
				return Result.DONE;
			});
			s.addUriHandler("/tries", c -> {
				String[][] bad = { { "X Y", "v" }, { "", "v" }, { "X:Y", "v" }, { "X(", "v" }, { "X\u00e9", "v" },
						{ "X", "a\rb" }, { "X", "a\nb" }, { "X", "a\u0000b" }, { "X", "a\u007fb" },
						{ "X", "a\u010d\u010aSet-Cookie: a=b" }, { "X", "\u20ac" } };
				for (String[] header : bad) {
					try {
						c.sendHeader(header[0], header[1]);
						refusals.add("accepted " + header[0]);
					}
					catch (IllegalArgumentException ex) {
						refusals.add(ex.getMessage());
					}
				}
				c.sendHeader("X-Tab", "a\tb").sendHeader("X-Latin", "caf\u00e9").sendHeader("X-Ok", "yes");
				c.sendData("fine");
				return Result.DONE;
			});
			s.addUriHandler("/big", c -> {
				replies.put("big", c.sendReply(200, "application/octet-stream", new byte[SEND_QUEUE_LIMIT + 1]));
				return Result.DONE;
			});
			s.addUriHandler("/big-then-other", c -> {
				replies.put("first", c.sendReply(200, "application/octet-stream", new byte[SEND_QUEUE_LIMIT * 2]));
				replies.put("second", c.sendReply(507, "text/plain", "too large for one reply"));
				return Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void lineBreakNarrowedFromAWideCharacterCannotInjectAHeader() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response response = http.send("GET", "/go?%C4%8D%C4%8ASet-Cookie:%20session=evil");
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.header("Set-Cookie")).isNull();
			assertThat(response.header("Location")).isNull();
			assertThat(response.text()).startsWith("500 Internal Server Error");
			// the same connection goes on with the next request
			RawHttp.Response next = http.send("GET", "/go?plain");
			assertThat(next.status()).isEqualTo(302);
			assertThat(next.header("Location")).isEqualTo("/next?plain");
		}
	}

	@Test
	void contentTypeOfSendReplyIsChecked() throws Exception {
		RawHttp.Response response = RawHttp.request(server.port(), "GET", "/type?text/plain%0D%0ASet-Cookie:%20a=b");
		assertThat(response.status()).isEqualTo(500);
		assertThat(response.header("Set-Cookie")).isNull();
		RawHttp.Response wide = RawHttp.request(server.port(), "GET", "/type?text/plain%C4%8ASet-Cookie:%20a=b");
		assertThat(wide.status()).isEqualTo(500);
		assertThat(wide.header("Set-Cookie")).isNull();
		assertThat(RawHttp.request(server.port(), "GET", "/type?text/plain").header("Content-Type"))
			.isEqualTo("text/plain");
	}

	@Test
	void headerNamesMustBeTokensAndValuesFieldText() throws Exception {
		refusals.clear();
		RawHttp.Response response = RawHttp.request(server.port(), "GET", "/tries");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text()).isEqualTo("fine");
		assertThat(response.header("X-Tab")).isEqualTo("a\tb");
		assertThat(response.header("X-Latin")).isEqualTo("caf\u00e9"); // one byte,
																		// ISO-8859-1
		assertThat(response.header("X-Ok")).isEqualTo("yes");
		assertThat(response.headers()).doesNotContainKeys("x", "set-cookie", "x y");
		assertThat(refusals).hasSize(11).noneMatch((reason) -> reason.startsWith("accepted"));
		assertThat(refusals.subList(0, 5)).allMatch((reason) -> reason.endsWith("is not a token"));
		assertThat(refusals.subList(5, 11)).allMatch((reason) -> reason.contains("cannot be sent in a header"));
		assertThat(refusals.get(9)).contains("U+010D");
	}

	@Test
	void replyLargerThanTheSendQueueIsA500NotAnEmpty200() throws Exception {
		try (RawHttp http = new RawHttp(server.port())) {
			RawHttp.Response response = http.send("GET", "/big");
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.text()).startsWith("500 Internal Server Error");
			assertThat(replies.get("big")).isZero();
			assertThat(http.send("GET", "/type?text/plain").status()).isEqualTo(200);
		}
	}

	@Test
	void handlerMayAnswerOtherwiseWhenItsReplyDidNotFit() throws Exception {
		RawHttp.Response response = RawHttp.request(server.port(), "GET", "/big-then-other");
		assertThat(response.status()).isEqualTo(507);
		assertThat(response.text()).isEqualTo("too large for one reply");
		assertThat(replies.get("first")).isZero();
		assertThat(replies.get("second")).isEqualTo("too large for one reply".length());
	}

}
