package io.mongoose.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.RunningServer;
import io.mongoose.http.HttpConnection;
import io.mongoose.test.RawHttp;

/**
 * Buffered request bodies are charged to the server's {@code max_buffered_bytes} as they
 * arrive: the body that does not fit is refused with 503, and the charge comes back once
 * a body is consumed or its connection is gone.
 */
class BufferBudgetTest {

	/**
	 * With {@code max_request_size} 1024 the receive buffer of a body grows 1024 → 2048 →
	 * 4096 → what the body needs, each step charged first: a body of {@code n} bytes
	 * behind a head of {@code h} costs {@code h + n - 1024} once it is complete.
	 */
	private static final int BUDGET = 7000;

	@Test
	void aBodyThatDoesNotFitTheServerBudgetIs503AndTheBudgetComesBack() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("max_request_size", "1024")).isNull();
			assertThat(s.setOption("max_buffered_bytes", Integer.toString(BUDGET))).isNull();
			s.addUriHandler("/body", c -> {
				c.sendReply(200, "text/plain", Integer.toString(c.content().length));
				return Result.DONE;
			});
		}); RawHttp a = new RawHttp(server.port()); Socket b = new Socket("127.0.0.1", server.port())) {
			String head = head(6000);
			// a: 3000 of its 6000 bytes; its buffer grows to 4096, 3072 bytes charged
			a.sendRaw(head + "a".repeat(3000));
			waitForBuffered(server, head.length() + 3000);
			// b: exactly 4096 bytes, all read; growing to what the rest needs would pass
			// the budget
			b.setSoTimeout(5000);
			OutputStream out = b.getOutputStream();
			out.write((head + "b".repeat(4096 - head.length())).getBytes(StandardCharsets.US_ASCII));
			assertThat(RunningServer.readAll(b.getInputStream())).startsWith("HTTP/1.1 503 ");
			// a completes only if b's 3072 bytes came back
			a.sendRaw("a".repeat(3000));
			RawHttp.Response reply = a.read(false);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("6000");
			// the whole budget again for a fresh client once a's body is consumed
			int whole = 1024 + BUDGET - head(1000).length();
			assertThat(head(whole).length() + whole - 1024).isEqualTo(BUDGET);
			try (RawHttp c = new RawHttp(server.port())) {
				c.sendRaw(head(whole) + "c".repeat(whole));
				reply = c.read(false);
				assertThat(reply.status()).isEqualTo(200);
				assertThat(reply.text()).isEqualTo(Integer.toString(whole));
			}
		}
	}

	@Test
	void aBodyPipelinedBehindAChunkedOneGrowsPastWhatIsAlreadyBufferedAndGivesItBack() throws Exception {
		try (RunningServer server = RunningServer.start(s -> {
			assertThat(s.setOption("max_request_size", "1024")).isNull();
			assertThat(s.setOption("max_buffered_bytes", Integer.toString(BUDGET))).isNull();
			s.addUriHandler("/body", c -> {
				c.sendReply(200, "text/plain", Integer.toString(c.content().length));
				return Result.DONE;
			});
		}); RawHttp http = new RawHttp(server.port())) {
			// the chunked body lets the buffer take what follows it: 5000 bytes of the
			// next body
			http.sendRaw(
					"POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(3000)
							+ "\r\n" + "c".repeat(3000) + "\r\n0\r\n\r\n" + head(6000) + "d".repeat(5000));
			assertThat(http.read(false).text()).isEqualTo("3000");
			http.sendRaw("d".repeat(1000));
			assertThat(http.read(false).text()).isEqualTo("6000");
			// both charges came back: a fresh body takes the whole budget
			int whole = 1024 + BUDGET - head(1000).length();
			try (RawHttp fresh = new RawHttp(server.port())) {
				fresh.sendRaw(head(whole) + "f".repeat(whole));
				assertThat(fresh.read(false).text()).isEqualTo(Integer.toString(whole));
			}
		}
	}

	private static String head(int contentLength) {
		return "POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: " + contentLength + "\r\n\r\n";
	}

	/** Waits until the server's only connection has buffered {@code bytes}. */
	private static void waitForBuffered(RunningServer server, int bytes) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (true) {
			int[] buffered = new int[1];
			server.server()
				.iterateOverConnections(
						c -> buffered[0] = Math.max(buffered[0], ((HttpConnection) c).net().recvLength()))
				.get(5, TimeUnit.SECONDS);
			if (buffered[0] == bytes) {
				return;
			}
			assertThat(System.nanoTime()).as("%d bytes buffered within 10 s, now %d", bytes, buffered[0])
				.isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
