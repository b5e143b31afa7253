package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;

/**
 * Every reply is framed once, by the server: a {@link Reply} value with extra headers, a
 * handler's own {@code Content-Length}, HEAD, 204/304 and HTTP/1.0, checked byte by byte
 * over raw sockets. Exactly one of {@code Content-Length} and chunked, always a
 * {@code Date}, and the body exactly as sent.
 */
class ReplyFramingTest {

	private static final Pattern DATE = Pattern
		.compile("\r\nDate: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n");

	private static final Map<String, String> thrown = new ConcurrentHashMap<>();

	private static RunningServer server;

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() throws Exception {
		Path file = Files.writeString(dir.resolve("report.txt"), "a file body\n");
		server = RunningServer.start(s -> {
			s.addUriHandler("/created", c -> {
				c.send(Reply.of(201).header("Location", "/users/7").body("created\n"));
				return Result.DONE;
			});
			s.addUriHandler("/not-allowed", c -> {
				c.send(Reply.of(405).header("Allow", "GET, HEAD"));
				return Result.DONE;
			});
			s.addUriHandler("/no-content", c -> {
				c.send(Reply.of(204).header("X-Kept", "yes").body("dropped"));
				return Result.DONE;
			});
			s.addUriHandler("/not-modified", c -> {
				c.send(Reply.of(304).header("ETag", "\"v1\""));
				return Result.DONE;
			});
			s.addUriHandler("/file", c -> {
				c.send(Reply.of(200).header("X-File", "yes").file(file));
				return Result.DONE;
			});
			s.addUriHandler("/stream", c -> {
				c.sendStatus(200).sendHeader("Content-Type", "text/plain");
				c.sendData("one ");
				c.sendData("two");
				return Result.DONE;
			});
			s.addUriHandler("/length/exact", c -> {
				c.sendStatus(200).sendHeader("Content-Length", "10");
				c.sendData("hello");
				c.sendData("world");
				return Result.DONE;
			});
			s.addUriHandler("/length/long", c -> {
				c.sendHeader("Content-Length", "3");
				try {
					c.sendData("hello");
				}
				catch (IllegalStateException ex) {
					thrown.put("long", ex.getMessage());
					throw ex;
				}
				return Result.DONE;
			});
			s.addUriHandler("/length/short", c -> {
				c.sendHeader("Content-Length", "10");
				c.sendData("hello");
				return Result.DONE;
			});
			s.addUriHandler("/length/chunked", c -> {
				try {
					c.sendHeader("Transfer-Encoding", "chunked");
				}
				catch (IllegalArgumentException ex) {
					thrown.put("te", ex.getMessage());
				}
				c.sendReply(200, "text/plain", "framed by the server");
				return Result.DONE;
			});
			s.addUriHandler("/fails", c -> {
				throw new IllegalStateException("the database is gone");
			});
			s.setHttpErrorHandler(c -> {
				Throwable error = c.error();
				c.send(Reply.of(c.statusCode())
					.body((error != null) ? "failed: " + error.getMessage() : "error " + c.statusCode()));
				return Result.DONE;
			});
		});
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	@Test
	void replyValueWithExtraHeadersHasContentLengthDateAndTheExactBody() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /created HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(reply).startsWith("HTTP/1.1 201 Created\r\n")
				.contains("\r\nLocation: /users/7\r\n", "\r\nContent-Type: text/plain; charset=utf-8\r\n",
						"\r\nContent-Length: 8\r\n")
				.doesNotContainIgnoringCase("Transfer-Encoding")
				.doesNotContainIgnoringCase("Connection:")
				.endsWith("\r\n\r\ncreated\n");
			assertOneFramingAndDate(reply);
			// kept alive: the next reply on the same connection
			String notAllowed = client.exchange("GET /not-allowed HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(notAllowed).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
				.contains("\r\nAllow: GET, HEAD\r\n", "\r\nContent-Length: 0\r\n")
				.endsWith("\r\n\r\n");
			assertOneFramingAndDate(notAllowed);
		}
	}

	@Test
	void headOfAReplyValueAnnouncesTheLengthAndSendsNoBody() throws Exception {
		try (Client client = new Client()) {
			String head = client.exchange("HEAD /created HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(head).contains("\r\nContent-Length: 8\r\n").endsWith("\r\n\r\n");
			assertOneFramingAndDate(head);
			assertThat(client.exchange("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\n")).contains("\r\nContent-Length: 12\r\n")
				.endsWith("\r\n\r\n");
			// nothing of either body came before this reply
			assertThat(client.exchange("GET /created HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 201 ");
		}
	}

	@Test
	void noContentAndNotModifiedHaveNeitherFramingNorBody() throws Exception {
		try (Client client = new Client()) {
			String noContent = client.exchange("GET /no-content HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(noContent).startsWith("HTTP/1.1 204 No Content\r\n")
				.contains("\r\nX-Kept: yes\r\n")
				.doesNotContain("Content-Length", "Transfer-Encoding", "dropped")
				.endsWith("\r\n\r\n");
			assertThat(DATE.matcher(noContent).find()).isTrue();
			String notModified = client.exchange("GET /not-modified HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(notModified).startsWith("HTTP/1.1 304 Not Modified\r\n")
				.contains("\r\nETag: \"v1\"\r\n")
				.doesNotContain("Content-Length", "Transfer-Encoding")
				.endsWith("\r\n\r\n");
			assertThat(client.exchange("GET /created HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 201 ");
		}
	}

	@Test
	void fileReplyIsSentWholeWithItsLength() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(reply).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("\r\nX-File: yes\r\n", "\r\nContent-Type: text/plain; charset=utf-8\r\n",
						"\r\nContent-Length: 12\r\n")
				.endsWith("\r\n\r\na file body\n");
			assertOneFramingAndDate(reply);
		}
	}

	@Test
	void streamedReplyIsChunkedWithDateOnHttp11AndCloseDelimitedOnHttp10() throws Exception {
		try (Client client = new Client()) {
			String chunked = client.exchange("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(chunked).contains("\r\nTransfer-Encoding: chunked\r\n")
				.endsWith("\r\n\r\n4\r\none \r\n3\r\ntwo\r\n0\r\n\r\n");
			assertOneFramingAndDate(chunked);
		}
		String http10 = server.raw("GET /stream HTTP/1.0\r\n\r\n");
		assertThat(http10).startsWith("HTTP/1.1 200 OK\r\n")
			.contains("\r\nConnection: close\r\n")
			.doesNotContain("Content-Length", "Transfer-Encoding")
			.endsWith("\r\n\r\none two");
		assertThat(DATE.matcher(http10).find()).isTrue();
	}

	@Test
	void http10ClientGetsAReplyValueWithItsLengthAndTheConnectionCloses() throws Exception {
		String reply = server.raw("GET /created HTTP/1.0\r\n\r\n");
		assertThat(reply).contains("\r\nContent-Length: 8\r\n", "\r\nConnection: close\r\n")
			.endsWith("\r\n\r\ncreated\n");
		assertOneFramingAndDate(reply);
		try (Client client = new Client()) { // and kept alive when it asks
			assertThat(client.exchange("GET /created HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
				.contains("\r\nConnection: keep-alive\r\n")
				.endsWith("created\n");
			assertThat(client.exchange("GET /created HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
				.endsWith("created\n");
		}
	}

	@Test
	void handlerSetContentLengthMakesAnIdentityBodyOfExactlyThatLength() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /length/exact HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(reply).contains("\r\nContent-Length: 10\r\n")
				.doesNotContainIgnoringCase("chunked")
				.endsWith("\r\n\r\nhelloworld");
			assertOneFramingAndDate(reply);
			assertThat(client.exchange("GET /length/exact HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("helloworld");
		}
	}

	@Test
	void bodyLongerThanTheHandlersContentLengthThrowsAtTheHandler() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /length/long HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(thrown.get("long")).contains("Content-Length 3", "5 more");
			assertThat(reply).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
				.doesNotContain("hel")
				.endsWith("failed: " + thrown.get("long"));
			assertOneFramingAndDate(reply);
		}
	}

	@Test
	void bodyShorterThanTheHandlersContentLengthClosesTheConnection() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(bytes("GET /length/short HTTP/1.1\r\nHost: x\r\n\r\n"));
			String all = RunningServer.readAll(socket.getInputStream());
			assertThat(all).contains("\r\nContent-Length: 10\r\n")
				.doesNotContainIgnoringCase("chunked")
				.endsWith("hello");
			assertOneFramingAndDate(all);
		}
		assertThat(server.get("/created").statusCode()).isEqualTo(201); // others unharmed
	}

	@Test
	void transferEncodingIsTheServers() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /length/chunked HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(thrown.get("te")).startsWith("Transfer-Encoding is the server's");
			assertThat(reply).endsWith("\r\n\r\nframed by the server");
			assertOneFramingAndDate(reply);
		}
	}

	@Test
	void errorHandlerSeesTheExceptionBehindA500AndNoneOtherwise() throws Exception {
		try (Client client = new Client()) {
			String reply = client.exchange("GET /fails HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(reply).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\nfailed: the database is gone");
			assertOneFramingAndDate(reply);
			assertThat(client.exchange("GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ")
				.endsWith("\r\n\r\nerror 404");
		}
	}

	@Test
	void replyValueIsImmutableAndRefusesFramingHeaders() {
		Reply base = Reply.of(200);
		Reply withHeader = base.header("X-A", "1");
		assertThat(base.headers()).isEmpty();
		assertThat(withHeader.headers()).containsExactly(new Header("X-A", "1"));
		assertThat(withHeader.body("x").headers()).isEqualTo(withHeader.headers());
		assertThatThrownBy(() -> base.header("content-length", "5")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("set by the server");
		assertThatThrownBy(() -> base.header("Transfer-Encoding", "chunked"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Reply.of(42)).isInstanceOf(IllegalArgumentException.class);
		assertThat(List.of(Reply.of(201).body("application/json", "{}").contentType()))
			.containsExactly("application/json");
	}

	/** Exactly one framing header, never both, and one Date. */
	private static void assertOneFramingAndDate(String reply) {
		String head = reply.substring(0, reply.indexOf("\r\n\r\n") + 2).toLowerCase(Locale.ROOT);
		int lengths = count(head, "\r\ncontent-length:");
		int chunked = count(head, "\r\ntransfer-encoding:");
		assertThat(lengths + chunked).as("framing headers in %s", reply).isEqualTo(1);
		Matcher date = DATE.matcher(reply.substring(0, reply.indexOf("\r\n\r\n") + 2));
		assertThat(date.find()).as("a Date in %s", reply).isTrue();
		assertThat(count(head, "\r\ndate:")).isEqualTo(1);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * One keep-alive connection: sends a request and reads exactly one reply, framed by
	 * its head (Content-Length, chunked, or none for HEAD/204/304).
	 */
	private static final class Client implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private String method;

		Client() throws IOException {
			this.socket = new Socket("127.0.0.1", server.port());
			this.socket.setSoTimeout(5000);
			this.in = this.socket.getInputStream();
		}

		String exchange(String request) throws IOException {
			this.method = request.substring(0, request.indexOf(' '));
			this.socket.getOutputStream().write(bytes(request));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = this.in.read();
				if (b < 0) {
					throw new IOException("closed inside the head: " + out.toString(StandardCharsets.ISO_8859_1));
				}
				out.write(b);
			}
			String head = out.toString(StandardCharsets.ISO_8859_1);
			String lower = head.toLowerCase(Locale.ROOT);
			int status = Integer.parseInt(head.substring(9, 12));
			if (this.method.equals("HEAD") || status == 204 || status == 304) {
				return head;
			}
			Matcher length = Pattern.compile("\r\ncontent-length: (\\d+)\r\n").matcher(lower);
			if (length.find()) {
				out.write(this.in.readNBytes(Integer.parseInt(length.group(1))));
			}
			else if (lower.contains("\r\ntransfer-encoding: chunked\r\n")) {
				while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
					int b = this.in.read();
					if (b < 0) {
						throw new IOException("closed inside the chunked body");
					}
					out.write(b);
				}
			}
			return out.toString(StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
