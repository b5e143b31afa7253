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
import io.mongoose.test.RawWebSocketClient;

/**
 * Load check of {@code max_buffered_bytes}, loopback only, bounded: a WebSocket echo
 * server in this JVM, {@code N} clients that each send a 14-byte frame header announcing
 * 16 MiB followed by {@code K} bytes of its payload and then stall, then a fresh client
 * that must get its echo. Prints the heap in use after a GC before and during the load
 * and how many stalled clients the server refused (close 1008).
 * <p>
 * {@code java -Xmx256m -cp mongoose-core/target/classes:mongoose-core/target/test-classes
 * io.mongoose.reliability.BufferBudgetLoad [N=200] [K=0]}; with {@code PORT PATH} as well
 * the clients go to a running server's echo WebSocket instead (the sample:
 * {@code /ws/echo}), whose heap is then measured from outside (for example
 * {@code jcmd PID GC.heap_info}).
 */
public final class BufferBudgetLoad {

	private static final byte[] HEADER_16_MIB = { (byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 4 };

	private BufferBudgetLoad() {
	}

	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		int payload = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		WebSocketHandler echo = WebSocketHandler.of(c -> {
			c.websocketWrite(c.wsBits() & 0x0F, c.content());
			return Result.DONE;
		});
		if (args.length > 3) {
			load(Integer.parseInt(args[2]), args[3], clients, payload);
			return;
		}
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
			// a fresh client's round trip: the server has read what the stalled ones sent
			// before it
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
					Long.parseLong(server.server().getOption("max_buffered_bytes")),
					Runtime.getRuntime().maxMemory() >> 20);
			System.out.printf("%d clients x (16 MiB header + %d bytes): heap after GC %d MiB before, %d MiB under load;"
					+ " %d refused with 1008%n", clients, payload, baseline >> 20, loaded >> 20, refused);
			System.out.printf("fresh client: %s%n",
					Arrays.equals(reply.payload(), "still served".getBytes(StandardCharsets.UTF_8)) ? "echoed"
							: "WRONG REPLY " + reply);
			fresh.close();
			for (RawWebSocketClient client : stalled) {
				client.close();
			}
		}
	}

	/**
	 * The same load against a server on 127.0.0.1:{@code port}; holds it until a line
	 * arrives on stdin.
	 */
	private static void load(int port, String path, int clients, int payload) throws Exception {
		List<RawWebSocketClient> stalled = new ArrayList<>(clients);
		for (int i = 0; i < clients; i++) {
			RawWebSocketClient client = new RawWebSocketClient("127.0.0.1", port);
			client.handshake(path);
			client.sendRaw(HEADER_16_MIB);
			client.sendRaw(new byte[payload]);
			stalled.add(client);
		}
		RawWebSocketClient fresh = new RawWebSocketClient("127.0.0.1", port);
		fresh.handshake(path);
		fresh.sendFrame(0x81, "still served".getBytes(StandardCharsets.UTF_8), true);
		RawWebSocketClient.Frame reply = fresh.readFrame(Duration.ofSeconds(30));
		System.out.printf("%d clients x (16 MiB header + %d bytes) holding; fresh client: %s%n", clients, payload,
				reply.text());
		System.out.flush();
		new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
		fresh.close();
		for (RawWebSocketClient client : stalled) {
			client.close();
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
