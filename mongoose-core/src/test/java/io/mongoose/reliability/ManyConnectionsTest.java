package io.mongoose.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.management.UnixOperatingSystemMXBean;

import io.mongoose.Handler.Result;
import io.mongoose.RunningServer;

/**
 * 10,000 concurrent connections on one IO thread; a fresh client is still served, memory
 * comes back.
 */
class ManyConnectionsTest {

	private static final int CONNECTIONS = 10_000;

	@Test
	void tenThousandConnectionsThenAFreshClientAndTheHeapReturns() throws Exception {
		long fdLimit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assertThat(fdLimit).as("ulimit -n must allow %d server-side sockets", CONNECTIONS)
			.isGreaterThan(CONNECTIONS + 1000L);
		try (RunningServer server = RunningServer.start(s -> {
			s.setOption("max_connections", "20000");
			s.addUriHandler("/", c -> {
				c.sendReply(200, "text/plain", "ok");
				return Result.DONE;
			});
		})) {
			long baseline = usedHeapAfterGc();
			Process hog = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					RunningServer.childClassPath(), ConnectionHog.class.getName(), Integer.toString(server.port()),
					Integer.toString(CONNECTIONS))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(hog.getInputStream(), StandardCharsets.US_ASCII));
					Writer in = new OutputStreamWriter(hog.getOutputStream(), StandardCharsets.US_ASCII)) {
				String line = out.readLine();
				assertThat(line).isEqualTo("OPEN " + CONNECTIONS + " HTTP/1.1 200 OK");
				assertThat(openConnections(server, CONNECTIONS)).isEqualTo(CONNECTIONS);
				assertThat(server.get("/fresh").body()).isEqualTo("ok");
				in.write("close\n");
				in.flush();
				assertThat(hog.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				hog.destroyForcibly();
			}
			assertThat(openConnections(server, 0)).isZero();
			long after = usedHeapAfterGc();
			assertThat(after).as("heap after the load (baseline %d KiB)", baseline / 1024)
				.isLessThan(baseline + 16L * 1024 * 1024);
		}
	}

	private static int openConnections(RunningServer server, int expected) throws Exception {
		long deadline = System.currentTimeMillis() + 30_000;
		int open = -1;
		while (open != expected && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			open = server.server().iterateOverConnections(c -> {
			}).get(10, TimeUnit.SECONDS);
		}
		return open;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
