package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/**
 * Every RFC 9112 rule the parser enforces, over a raw socket: the exact status comes
 * back, the connection is closed, and the server still answers a fresh client.
 */
class MalformedRequestsTest {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(s -> {
			s.setOption("max_request_size", "2048");
			s.setOption("max_body_size", "1000");
			s.setOption("max_headers", "20");
			s.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "ok " + c.content().length);
				return Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "GET / HTTP/1.1\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|400", "GET /  HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
			"GET / HTTPX/1.0\\r\\n\\r\\n|400", "GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n|505",
			"GET / HTTP/1.1z\\r\\nHost: a\\r\\n\\r\\n|400", "GET / HTTP/02.0\\r\\nHost: a\\r\\n\\r\\n|400",
			"GET / HTTP/x.1\\r\\nHost: a\\r\\n\\r\\n|400", "GET .. HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
			"GET /../etc/passwd HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
			"GET /%2e%2e/x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400", "GET /a%00b HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
			"GE(T / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400", "GET * HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost: a\\r\\nX-A: b\\r\\n  folded\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost: a\\rX: b\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\u0001b\\r\\n\\r\\n|400",
			"GET / HTTP/1.1\\r\\nHost: a\\r\\nBad Name: v\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\nhello!|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: -5\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5, 6\\r\\n\\r\\nhello!|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5,\\r\\n\\r\\nhello|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5, ,5\\r\\n\\r\\nhello|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5x\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n|501",
			"POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nhello\\r\\n0\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhelloXX0\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\nhello\\r\\n0\\r\\n\\r\\n|400",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1001\\r\\n\\r\\n|413",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3e9\\r\\n|413",
			"POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 2\\r\\nExpect: magic\\r\\n\\r\\nhi|417", })
	void malformedRequestGetsItsStatusAndTheServerStaysUp(String request, int status) throws Exception {
		String response = server.raw(unescape(request));
		assertThat(response).startsWith("HTTP/1.1 " + status + " ");
		assertThat(response).contains("Connection: close");
		assertFreshClientIsServed();
	}

	@Test
	void oversizedHeadIs431() throws Exception {
		String response = server.raw("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(3000) + "\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 431 ");
		assertFreshClientIsServed();
	}

	@Test
	void tooManyHeadersIs431() throws Exception {
		StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
		for (int i = 0; i < 25; i++) {
			request.append("X-H").append(i).append(": v\r\n");
		}
		assertThat(server.raw(request.append("\r\n").toString())).startsWith("HTTP/1.1 431 ");
		assertFreshClientIsServed();
	}

	@Test
	void bareLineFeedsAndLeadingBlankLinesAreTolerated() throws Exception {
		String response = server.raw("\r\n\r\nGET / HTTP/1.1\nHost: a\nConnection: close\n\n");
		assertThat(response).startsWith("HTTP/1.1 200 OK");
	}

	@Test
	void absoluteFormTargetIsAccepted() throws Exception {
		String response = server
			.raw("GET http://example.com/x?y HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200 OK");
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrder() throws Exception {
		String one = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n";
		String two = "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
		String three = "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n";
		String four = "GET /4 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
		String response = server.raw(one + two + three + four);
		assertThat(response.split("HTTP/1.1 200 OK", -1)).hasSize(5);
		assertThat(response).contains("ok 0").contains("ok 3").contains("ok 2");
		assertThat(response.indexOf("ok 3")).isLessThan(response.indexOf("ok 2"));
		assertThat(response).endsWith("ok 0");
	}

	@Test
	void requestSentByteByByteIsParsed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(5000);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			for (byte b : "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody"
				.getBytes(StandardCharsets.US_ASCII)) {
				out.write(b);
				out.flush();
			}
			InputStream in = socket.getInputStream();
			assertThat(RunningServer.readAll(in)).startsWith("HTTP/1.1 200 OK").endsWith("ok 4");
		}
	}

	private static void assertFreshClientIsServed() throws Exception {
		assertThat(server.get("/fresh").statusCode()).isEqualTo(200);
	}

	private static String unescape(String s) {
		return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
	}

}
