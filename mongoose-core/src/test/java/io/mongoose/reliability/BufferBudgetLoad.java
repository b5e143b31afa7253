package io.mongoose.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mongoose.Handler.Result;
import io.mongoose.RunningServer;
import io.mongoose.WebSocketHandler;
import io.mongoose.ws.RawWebSocketClient;

/**
 * Load check of {@code max_buffered_bytes}, loopback only, bounded: a WebSocket echo server in
 * this JVM, {@code N} clients that each send a 14-byte frame header announcing 16 MiB followed by
 * {@code K} bytes of its payload and then stall, then a fresh client that must get its echo.
 * Prints the heap in use after a GC before and during the load and how many stalled clients the
 * server refused (close 1008).
 * <p>
 * {@code java -Xmx256m -cp mongoose-core/target/classes:mongoose-core/target/test-classes
 * io.mongoose.reliability.BufferBudgetLoad [N=200] [K=0]}
 */
public final class BufferBudgetLoad {

	private static final byte[] HEADER_16_MIB = { (byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 4 };

	private BufferBudgetLoad() {
	}

	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		int payload = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		WebSocketHandler echo = c -> {
			c.websocketWrite(c.wsBits() & 0x0F, c.content());
			return Result.DONE;
		};
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/echo", echo))) {
			long baseline = usedHeapAfterGc();
			List<RawWebSocketClient> stalled = new ArrayList<>(clients);
			byte[] chunk = new byte[payload];
			for (int i = 0; i < clients; i++) {
				RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", server.port());
				client.handshake("/echo");
				client.sendRaw(HEADER_16_MIB);
				client.sendRaw(chunk);
				stalled.add(client);
			}
			// a fresh client's round trip: the server has read what the stalled ones sent before it
			RawWebSocketClient fresh = new RawWebSocketClient("127.0.0.1", server.port());
			fresh.handshake("/echo");
			fresh.sendFrame(0x81, "still served".getBytes(StandardCharsets.UTF_8), true);
			RawWebSocketClient.Frame reply = fresh.readFrame(Duration.ofSeconds(30));
			long loaded = usedHeapAfterGc();
			int refused = 0;
			for (RawWebSocketClient client : stalled) {
				try {
					if (client.readFrame(Duration.ofMillis(200)).closeCode() == 1008) {
						refused++;
					}
				}
				catch (java.io.IOException stillOpen) {
					// not refused: it holds what it sent
				}
			}
			System.out.printf("max_buffered_bytes %d, max heap %d MiB%n",
					Long.parseLong(server.server().getOption("max_buffered_bytes")), Runtime.getRuntime().maxMemory() >> 20);
			System.out.printf("%d clients x (16 MiB header + %d bytes): heap after GC %d MiB before, %d MiB under load;"
					+ " %d refused with 1008%n", clients, payload, baseline >> 20, loaded >> 20, refused);
			System.out.printf("fresh client: %s%n", Arrays.equals(reply.payload(), "still served".getBytes(StandardCharsets.UTF_8))
					? "echoed" : "WRONG REPLY " + reply);
			fresh.close();
			for (RawWebSocketClient client : stalled) {
				client.close();
			}
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
