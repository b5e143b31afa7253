package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mongoose.Handler.Result;

/**
 * One reading of every input, over a raw socket: what a front end and this server could
 * read differently (a target, a Host, a line end, a chunk-size line, a version) is
 * refused with a status line, never a silent close and never a second, smuggled request.
 */
class StrictParsingTest {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(s -> {
			s.setOption("max_request_size", "2048");
			s.setOption("max_body_size", "1000000");
			s.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "ok " + c.uri() + " " + c.content().length);
				return Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	// ---- request target
	// --------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "/100%", "/%zz", "/%u2215", "/a%2", "/%g1", "/x%", "/q?a=100%", "/q?%zz", "/p#frag", "/#",
			"http://user@a/x", "http:///x" })
	void malformedTargetIs400(String target) throws Exception {
		assertRefused(server.raw("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
	}

	@Test
	void wellFormedEscapesAreDecoded() throws Exception {
		assertThat(server.raw("GET /100%25/%41?q=%7a%25 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 200 ")
			.endsWith("ok /100%/A 0");
	}

	// ---- line ends: a bare LF ends a line anywhere in the head
	// ---------------------------------

	@Test
	void bareLfBeforeContentLengthDoesNotHideIt() throws Exception {
		String body = "GET /smuggled HTTP/1.1\r";
		assertThat(body).hasSize(23);
		String response = server.raw("POST /first HTTP/1.1\r\nHost: a\r\nDummy: x\nContent-Length: 23\r\n"
				+ "Connection: close\r\n\r\n" + body + "\n\r\n");
		assertThat(response.split("HTTP/1.1 ", -1)).hasSize(2);
		assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ok /first 23").doesNotContain("smuggled");
	}

	@Test
	void bareLfBeforeTransferEncodingIsReadAsChunked() throws Exception {
		String response = server.raw("POST /te HTTP/1.1\r\nHost: a\r\nx:x\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ok /te 5");
	}

	@ParameterizedTest
	@ValueSource(strings = { "X: a\rb", "X: a\0b", "X\0: b", "X: a\r\rb" })
	void bareCrOrNulInAFieldIs400(String field) throws Exception {
		assertRefused(server.raw("GET / HTTP/1.1\r\nHost: a\r\n" + field + "\r\n\r\n"), 400);
	}

	// ---- Host
	// --------------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "Host: user@host", "Host: host/path", "Host:", "Host:   ", "Host: a, b", "Host: a,b",
			"Host: a b", "Host: [::1", "Host: [zz]", "Host: a:123456", "Host: a:b", "Host: %zz", "Host: a\r\nHost: a" })
	void invalidOrMultipleHostIs400(String host) throws Exception {
		assertRefused(server.raw("GET / HTTP/1.1\r\n" + host + "\r\n\r\n"), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host: a", "Host: example.com:8080", "Host: 127.0.0.1", "Host: [::1]:80", "Host: a:",
			"Host: xn--n3h.example" })
	void validHostIsServed(String host) throws Exception {
		assertThat(server.raw("GET / HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n"))
			.startsWith("HTTP/1.1 200 ");
	}

	@Test
	void missingHostIs400OnHttp11Only() throws Exception {
		assertRefused(server.raw("GET / HTTP/1.1\r\n\r\n"), 400);
		assertThat(server.raw("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ");
	}

	// ---- chunk-size lines: chunk-size [ chunk-ext ] CRLF, nothing else
	// ---------------------------

	@ParameterizedTest
	@ValueSource(strings = { "5;", "5;bad[=x", "5 ", "5\t", "5 ;", "5;a=", "5;a=b ", "5;a b", "5;=b", "5;a=\"open",
			"5;a=\"b\\\u0001\"", "5;a=\"b\u0001\"", "5;a=\"b\rc\"", "5;a\rb", "5;a=b\r", "5;a=\"x\"y", "5,", "0x5",
			"+5", "10000000000000000", "fffffffffffffffff" })
	void chunkSizeLineOutsideTheGrammarIs400(String line) throws Exception {
		assertRefused(server.raw(chunked(line + "\r\nhello\r\n0\r\n\r\n")), 400);
	}

	@Test
	void bareLfInAChunkExtensionIs400() throws Exception {
		assertRefused(server.raw(chunked("5;a\nb\r\nhello\r\n0\r\n\r\n")), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "5", "5;a", "5;a=b", "5 ; a = b", "5\t;\ta\t=\tb", "5;a;b=c;d=\"\"",
			"5;a=\"q\\\"uoted; x=y\"", "5;a=\"tab\there\\\t\"", "000000000000000000000005", "00005;x=1" })
	void chunkSizeLineInTheGrammarIsRead(String line) throws Exception {
		String response = server.raw(chunked(line + "\r\nhello\r\n0;last=\"x\"\r\n\r\n"));
		assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ok / 5");
	}

	@Test
	void hugeChunkSizeThatFitsIs413() throws Exception {
		assertRefused(server.raw(chunked("fffffffffffffff\r\n")), 413);
	}

	// ---- request line
	// ------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/1", "HTTP/01.01", "HTTP/1.10", "http/1.1", "HTTP/1.", "HTTP/.1", "HTTP/1,1",
			"HTTP/a.b", "HTTP/2", "HTTP/1.1 " })
	void malformedVersionIs400(String version) throws Exception {
		assertRefused(server.raw("GET / " + version + "\r\nHost: a\r\n\r\n"), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/2.0", "HTTP/3.0", "HTTP/9.9", "HTTP/0.9" })
	void wellFormedOtherMajorVersionIs505(String version) throws Exception {
		assertRefused(server.raw("GET / " + version + "\r\nHost: a\r\n\r\n"), 505);
	}

	@Test
	void laterHttp1MinorVersionIsServedAsHttp11() throws Exception {
		assertThat(server.raw("GET / HTTP/1.2\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
	}

	@Test
	void overlongMethodIs400TargetIs414AndHeadersAre431() throws Exception {
		assertRefused(server.raw("G".repeat(3000) + " / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
		assertRefused(server.raw("GET /" + "a".repeat(3000) + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
		assertRefused(server.raw("GET / HTTP/1.1" + "1".repeat(3000) + "\r\nHost: a\r\n\r\n"), 400);
		assertRefused(server.raw("GET / HTTP/1.1\r\nHost: a\r\nX: " + "x".repeat(3000) + "\r\n\r\n"), 431);
	}

	@Test
	void declaredBodyOverTheLimitIs413AtOnceThenClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000\r\n\r\nsome"
					.getBytes(StandardCharsets.US_ASCII));
			String response = readUntilClosed(socket.getInputStream());
			assertRefused(response, 413);
		}
	}

	private static String chunked(String body) {
		return "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body;
	}

	/**
	 * The status came back, the connection was closed, and a fresh client is still
	 * served.
	 */
	private static void assertRefused(String response, int status) throws Exception {
		assertThat(response).startsWith("HTTP/1.1 " + status + " ").contains("Connection: close");
		assertThat(response.split("HTTP/1.1 ", -1)).as("one response only").hasSize(2);
		assertThat(server.get("/fresh").statusCode()).isEqualTo(200);
	}

	/**
	 * Everything up to the server's close; a read timeout fails the test (the server kept
	 * it open).
	 */
	private static String readUntilClosed(InputStream in) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buf = new byte[4096];
		try {
			for (int n; (n = in.read(buf)) >= 0;) {
				out.write(buf, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("connection still open after " + out.toString(StandardCharsets.ISO_8859_1), ex);
		}
		return out.toString(StandardCharsets.ISO_8859_1);
	}

}
