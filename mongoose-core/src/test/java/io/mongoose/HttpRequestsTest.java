package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/** Happy paths with the JDK HttpClient against a real server. */
class HttpRequestsTest {

	private static RunningServer server;

	private static final List<Integer> remotePorts = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start("param", s -> {
			s.addUriHandler("/", c -> {
				remotePorts.add(c.remotePort());
				c.sendReply(200, "text/plain",
						c.requestMethod() + " " + c.uri() + " q=" + c.queryString() + " p=" + c.serverParam());
				return Result.DONE;
			});
			s.addUriHandler("/echo", c -> {
				c.sendHeader("Content-Type", "application/octet-stream");
				c.sendHeader("X-Length", Integer.toString(c.content().length));
				c.sendData(c.content());
				return Result.DONE;
			});
			s.addUriHandler("/form", c -> {
				c.printfData("a=%s b=%s", c.getVar("a"), c.getVar("b"));
				return Result.DONE;
			});
			s.addUriHandler("/stream", c -> {
				c.sendStatus(200).sendHeader("Content-Type", "text/plain");
				for (int i = 0; i < 3; i++) {
					c.printfData("chunk %d;", i);
				}
				return Result.DONE;
			});
			s.addUriHandler("/cookie", c -> {
				c.sendReply(200, "text/plain", Connection.parseHeader(c.getHeader("Cookie"), "session"));
				return Result.DONE;
			});
			s.addUriHandler("/headers", c -> {
				c.sendReply(200, "text/plain", c.getHeader("x-custom") + "|" + c.headers().size());
				return Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void getReachesTheLongestPrefixHandler() throws Exception {
		HttpResponse<String> response = server.get("/a/b%20c?x=1&y=%20");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("GET /a/b c q=x=1&y=%20 p=param");
		assertThat(response.headers().firstValue("Content-Length"))
			.hasValue(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
		assertThat(response.headers().firstValue("Date")).isPresent();
	}

	@Test
	void postBodyIsBufferedBeforeTheHandlerRuns() throws Exception {
		byte[] body = new byte[300_000];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) (i * 31);
		}
		HttpResponse<byte[]> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/echo")))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Length")).hasValue("300000");
		assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void chunkedPostIsDecoded() throws Exception {
		// a publisher without a known length makes the JDK client send a chunked body
		byte[] part = "hello chunked world ".getBytes(StandardCharsets.US_ASCII);
		HttpRequest.BodyPublisher unknownLength = HttpRequest.BodyPublishers
			.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(List.of(part, part, part)));
		HttpResponse<String> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/echo"))).POST(unknownLength).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello chunked world ".repeat(3));
	}

	@Test
	void formVariablesComeFromQueryThenBody() throws Exception {
		HttpResponse<String> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/form?a=from+query")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("a=ignored&b=x%2Fy+z"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("a=from query b=x/y z");
	}

	@Test
	void chunkedReplyFromPrintfData() throws Exception {
		HttpResponse<String> response = server.get("/stream");
		assertThat(response.body()).isEqualTo("chunk 0;chunk 1;chunk 2;");
	}

	@Test
	void headersAreCaseInsensitive() throws Exception {
		HttpResponse<String> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/headers"))).header("X-Custom", "v1").build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).startsWith("v1|");
	}

	@Test
	void parseHeaderReadsCookieStyleVariables() throws Exception {
		HttpResponse<String> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/cookie")))
				.header("Cookie", "user=joe, session=\"a b\\\"c\", x=1")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("a b\"c");
	}

	@Test
	void aContentLengthListOfOneRepeatedValueIsThatLength() throws Exception {
		String response = server
			.raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5 ,5\r\nConnection: close\r\n\r\nhello");
		assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("X-Length: 5\r\n").contains("\r\nhello\r\n");
	}

	@Test
	void http10KeepAliveIsHonouredWhenAsked() throws Exception {
		String request = "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
		String response = server.raw(request + "GET /b HTTP/1.0\r\n\r\n");
		assertThat(response.split("HTTP/1.1 200 OK", -1)).hasSize(3);
		assertThat(response).contains("Connection: keep-alive").endsWith("GET /b q=null p=param");
	}

	@Test
	void keepAliveReusesOneConnection() throws Exception {
		HttpClient client = RunningServer.client();
		remotePorts.clear();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create(server.url("/k" + i))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		assertThat(remotePorts).hasSize(5);
		assertThat(remotePorts.stream().distinct().count()).isEqualTo(1);
	}

	@Test
	void expectContinueGetsAHundredThenTheReply() throws Exception {
		HttpResponse<String> response = RunningServer.client()
			.send(HttpRequest.newBuilder(URI.create(server.url("/echo")))
				.expectContinue(true)
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString("after continue"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("after continue");
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
						+ "Expect: 100-continue\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String interim = new String(socket.getInputStream().readNBytes(25), StandardCharsets.US_ASCII);
			assertThat(interim).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
			socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
			assertThat(RunningServer.readAll(socket.getInputStream())).startsWith("HTTP/1.1 200 OK")
				.contains("\r\n5\r\nhello\r\n0\r\n\r\n");
		}
	}

	@Test
	void headGetsHeadersWithoutBody() throws Exception {
		String raw = server.raw("HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n")
			.contains("Content-Length: " + "HEAD /x q=null p=param".length() + "\r\n")
			.endsWith("\r\n\r\n");
	}

	@Test
	void http10GetsNoChunkedOutputAndIsClosed() throws Exception {
		String raw = server.raw("GET /stream HTTP/1.0\r\n\r\n");
		assertThat(raw).doesNotContain("chunked").contains("Connection: close").endsWith("chunk 0;chunk 1;chunk 2;");
	}

}
