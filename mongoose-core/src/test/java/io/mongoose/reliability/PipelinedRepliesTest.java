package io.mongoose.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.RunningServer;
import io.mongoose.test.RawHttp;

/**
 * Clients that pipeline file requests and never read cannot make the server hold a file
 * per request.
 */
class PipelinedRepliesTest {

	private static final int REQUESTS = 11_000;

	@TempDir
	Path root;

	@Test
	void twoClientsPipeliningElevenThousandFileRequestsWithoutReadingLeaveFewDescriptorsOpen() throws Exception {
		Files.write(this.root.resolve("f.bin"), new byte[64 * 1024]);
		AtomicLong served = new AtomicLong();
		try (RunningServer server = RunningServer.start(s -> {
			s.setDocumentRoot(this.root);
			s.addRequestListener((c, startNanos, bytes) -> {
				if (c.requestMethod().equals("GET")) {
					served.incrementAndGet();
				}
			});
		})) {
			assertThat(RawHttp.request(server.port(), "GET", "/f.bin").status()).isEqualTo(200);
			long before = openDescriptors();
			// padded, so the requests do not all fit in the kernel's socket buffers: the
			// clients can only write them all if the server reads them
			byte[] request = ("GET /f.bin HTTP/1.1\r\nHost: a\r\nX-Pad: " + "p".repeat(900) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			List<SocketChannel> clients = new ArrayList<>();
			List<ByteBuffer> pending = new ArrayList<>();
			try {
				for (int i = 0; i < 2; i++) {
					SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
					client.configureBlocking(false);
					clients.add(client);
					ByteBuffer all = ByteBuffer.allocate(request.length * REQUESTS);
					for (int r = 0; r < REQUESTS; r++) {
						all.put(request);
					}
					pending.add(all.flip());
				}
				writeUntilDoneOrRefused(server, clients, pending, served);
				long during = openDescriptors();
				assertThat(during - before).as("descriptors opened by %d pipelined requests", 2 * REQUESTS)
					.isLessThan(1000);
				assertThat(RawHttp.request(server.port(), "GET", "/f.bin").status()).as("a fresh client")
					.isEqualTo(200);
			}
			finally {
				for (SocketChannel client : clients) {
					client.close();
				}
			}
		}
	}

	/**
	 * Writes until every request is sent or the server takes no more: during two fresh
	 * clients' round trips in a row (in which the IO thread would have read any socket it
	 * still reads) no byte could be written and no pipelined request was answered.
	 */
	private static void writeUntilDoneOrRefused(RunningServer server, List<SocketChannel> clients,
			List<ByteBuffer> pending, AtomicLong served) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int stalledRoundTrips = 0;
		while (stalledRoundTrips < 2 && pending.stream().anyMatch(ByteBuffer::hasRemaining)) {
			assertThat(System.nanoTime()).as("requests written or refused within 60 s").isLessThan(deadline);
			long written = 0;
			for (int i = 0; i < clients.size(); i++) {
				written += clients.get(i).write(pending.get(i));
			}
			long answered = served.get();
			if (written > 0) {
				stalledRoundTrips = 0;
				continue;
			}
			assertThat(RawHttp.request(server.port(), "HEAD", "/f.bin").status()).isEqualTo(200);
			stalledRoundTrips = (served.get() == answered) ? stalledRoundTrips + 1 : 0;
		}
	}

	private static long openDescriptors() {
		return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
	}

}
