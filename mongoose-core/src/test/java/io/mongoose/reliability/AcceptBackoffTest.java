package io.mongoose.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.Handler.Result;
import io.mongoose.LogLines;
import io.mongoose.RunningServer;

/**
 * The process runs out of descriptors for real: accept fails with "Too many open files"
 * while a client waits in the backlog. The loop must not spin on the ready listener
 * logging a warning per iteration, and it accepts the client once descriptors are free
 * again.
 */
class AcceptBackoffTest {

	@TempDir
	Path dir;

	@Test
	void acceptOutOfDescriptorsBacksOffWithOneWarningAndResumes() throws Exception {
		Path file = Files.writeString(this.dir.resolve("filler"), "x");
		try (LogLines log = LogLines.of("io.mongoose.net.EventManager");
				RunningServer server = RunningServer.start(s -> s.addUriHandler("/", c -> {
					c.sendReply(200, "text/plain", "ok");
					return Result.DONE;
				}))) {
			try (Socket warmUp = rawGet(server)) { // every class the path needs is loaded
				assertThat(RunningServer.readAll(warmUp.getInputStream())).contains("ok");
			}
			// no descriptor may be freed behind the test's back once they are all in use
			while (server.server().iterateOverConnections(c -> {
			}).get(10, TimeUnit.SECONDS) > 0) {
				Thread.onSpinWait();
			}
			// logging formats a time stamp: the time-zone data must be read while a
			// descriptor is free
			Logger.getLogger(AcceptBackoffTest.class.getName()).info("running the process out of descriptors");
			String[] full = new String[1];
			SocketChannel client = SocketChannel.open(); // its descriptor is taken before
															// they run out
			List<FileChannel> fillers = new ArrayList<>();
			int roundTrips = 0;
			long softLimit = lowerSoftLimit();
			try {
				try {
					while (true) {
						fillers.add(FileChannel.open(file));
					}
				}
				catch (IOException outOfDescriptors) {
					full[0] = outOfDescriptors.toString(); // every descriptor of the
															// process is in use
				}
				client.connect(new InetSocketAddress("127.0.0.1", server.port())); // the
																					// kernel's
																					// backlog
																					// takes
																					// it
				// each round trip is at least one loop iteration, on which a spinning
				// loop would warn again
				for (; roundTrips < 200; roundTrips++) {
					server.server().iterateOverConnections(c -> {
					}).get(10, TimeUnit.SECONDS);
				}
			}
			finally {
				for (FileChannel filler : fillers) {
					filler.close();
				}
				setSoftLimit(softLimit);
			}
			assertThat(full[0]).contains("Too many open files");
			assertThat(fillers.size()).as("descriptors filled").isPositive();
			assertThat(roundTrips).isEqualTo(200);
			List<String> warnings = log.messages(Level.WARNING)
				.stream()
				.filter((m) -> m.startsWith("accept failed"))
				.toList();
			assertThat(warnings).as("warnings while accept failed").hasSizeBetween(1, 2);
			assertThat(warnings.get(0)).contains("Too many open files");
			Socket socket = client.socket();
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(RunningServer.readAll(socket.getInputStream()))
				.as("the waiting client, once descriptors are free")
				.startsWith("HTTP/1.1 200 ")
				.endsWith("ok");
			client.close();
		}
	}

	/**
	 * Lowers this JVM's soft descriptor limit to a few hundred above what is open, so
	 * that filling it is quick on machines whose limit is a million; {@code prlimit}
	 * (util-linux) does it.
	 * @return the soft limit to restore
	 */
	private static long lowerSoftLimit() throws Exception {
		UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long soft = os.getMaxFileDescriptorCount();
		setSoftLimit(Math.min(soft, os.getOpenFileDescriptorCount() + 512));
		return soft;
	}

	private static void setSoftLimit(long limit) throws Exception {
		Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
				"--nofile=" + limit + ":")
			.redirectErrorStream(true)
			.start();
		prlimit.getOutputStream().close();
		String output;
		try (java.io.InputStream in = prlimit.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		prlimit.getErrorStream().close(); // every pipe closed now: none may be freed
											// later, behind the test's back
		assertThat(prlimit.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(prlimit.exitValue()).as("prlimit (util-linux) sets the soft limit: " + output).isZero();
	}

	private static Socket rawGet(RunningServer server) throws IOException {
		Socket socket = new Socket("127.0.0.1", server.port());
		socket.setSoTimeout(10_000);
		socket.getOutputStream()
			.write("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

}
