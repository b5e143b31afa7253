package io.mongoose.ws;

import static io.mongoose.ws.WsTestKit.open;
import static io.mongoose.ws.WsTestKit.read;
import static io.mongoose.ws.WsTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mongoose.BroadcastResult;
import io.mongoose.Handler;
import io.mongoose.RunningServer;
import io.mongoose.Server;
import io.mongoose.test.RawWebSocketClient;

/** Pushing frames to WebSockets from other threads: fan-out, ordering, slow readers. */
class WebSocketPushTest {

	private static final io.mongoose.WebSocketHandler SILENT = io.mongoose.WebSocketHandler
		.of(c -> Handler.Result.DONE);

	@Test
	void fourThreadsPushToAThousandConnectionsEachMessageExactlyOnceInOrder() throws Exception {
		int connections = 1000;
		int perThread = 25;
		List<RawWebSocketClient> clients = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try (RunningServer server = WsTestKit.server(s -> {
			// a loaded machine can take longer than a ping interval: no pings among the
			// frames read here
			assertThat(s.setOption("websocket_ping_interval_ms", "0")).isNull();
			s.addUriHandler("/push", SILENT);
		})) {
			for (int i = 0; i < connections; i++) {
				clients.add(open(server, "/push/" + (i % 2 == 0 ? "even" : "odd")));
			}
			Server srv = server.server();
			List<Future<?>> pushers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				pushers.add(pool.submit(() -> {
					for (int m = 0; m < perThread; m++) {
						String text = thread + ":" + m;
						if (thread < 2) {
							BroadcastResult result = srv.websocketBroadcast(null, null, 1, utf8(text))
								.get(10, TimeUnit.SECONDS);
							assertThat(result).isEqualTo(new BroadcastResult(connections, 0, 0));
						}
						else {
							CompletableFuture<Integer> reached = srv.iterateOverConnections(c -> {
								assertThat(c.websocketWrite(text)).isEqualTo(2 + text.length());
							});
							assertThat(reached.get(10, TimeUnit.SECONDS)).isEqualTo(connections);
						}
					}
					return null;
				}));
			}
			for (Future<?> f : pushers) {
				f.get(30, TimeUnit.SECONDS);
			}
			for (RawWebSocketClient client : clients) {
				int[] next = new int[4];
				for (int i = 0; i < 4 * perThread; i++) {
					RawWebSocketClient.Frame frame = read(client); // strict: fails on
																	// masked frames or
																	// RSV bits
					assertThat(frame.firstByte()).isEqualTo(0x81);
					String[] parts = frame.text().split(":");
					int thread = Integer.parseInt(parts[0]);
					assertThat(Integer.parseInt(parts[1])).as("order of thread %d", thread).isEqualTo(next[thread]++);
				}
				assertThat(next).containsOnly(perThread);
			}
			// by URI prefix: only the even half
			BroadcastResult even = srv.websocketBroadcast("/push/even", null, 2, new byte[] { 42 })
				.get(10, TimeUnit.SECONDS);
			assertThat(even.reached()).isEqualTo(connections / 2);
			for (int i = 0; i < 4; i++) {
				if (i % 2 == 0) {
					assertThat(read(clients.get(i)).payload()).containsExactly(42);
				}
			}
		}
		finally {
			pool.shutdownNow();
			for (RawWebSocketClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void sharedBroadcastFramesOfAPooledBufferSizeStayIntactBesideCopiedWrites() throws Exception {
		// 2,044 payload bytes + a 4-byte header: the frame has exactly the small pool's
		// buffer
		// size; were it taken into the pool after sending, the next reply would be
		// written into it
		List<RawWebSocketClient> clients = new ArrayList<>();
		try (RunningServer server = WsTestKit.server(s -> {
			s.addUriHandler("/push", SILENT);
			s.addUriHandler("/reply", c -> {
				c.sendReply(200, "text/plain", "pooled");
				return Handler.Result.DONE;
			});
		})) {
			for (int i = 0; i < 20; i++) {
				clients.add(open(server, "/push"));
			}
			Server srv = server.server();
			for (int round = 0; round < 5; round++) {
				byte[] shared = new byte[2044];
				java.util.Arrays.fill(shared, (byte) ('a' + round));
				String own = "own-" + round;
				assertThat(srv.websocketBroadcast(null, null, 2, shared).get(10, TimeUnit.SECONDS).reached())
					.isEqualTo(20);
				java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
				srv.iterateOverConnections(c -> {
					if (c.isWebSocket() && c.websocketWrite(own) > 0) {
						written.incrementAndGet();
					}
				}).get(10, TimeUnit.SECONDS);
				assertThat(written).hasValue(20);
				for (RawWebSocketClient client : clients) {
					assertThat(read(client).payload()).isEqualTo(shared);
					assertThat(read(client).text()).isEqualTo(own);
				}
				var reply = server.get("/reply");
				assertThat(reply.statusCode()).isEqualTo(200);
				assertThat(reply.body()).isEqualTo("pooled");
			}
		}
		finally {
			for (RawWebSocketClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void slowReaderIsSkippedWithBoundedMemory() throws Exception {
		try (RunningServer server = slowReaderServer("skip"); RawWebSocketClient client = open(server, "/push")) {
			BroadcastResult result = pushUntilNotReached(server.server());
			assertThat(result).isEqualTo(new BroadcastResult(0, 1, 0));
			assertThat(queuedBytes(server)).isLessThanOrEqualTo(64 * 1024);
			// still connected: reading drains it and later pushes arrive again
			assertThat(read(client).opcode()).isEqualTo(2);
		}
	}

	@Test
	void slowReaderIsClosedWhenTheOptionSaysSo() throws Exception {
		try (RunningServer server = slowReaderServer("close"); RawWebSocketClient client = open(server, "/push")) {
			BroadcastResult result = pushUntilNotReached(server.server());
			assertThat(result).isEqualTo(new BroadcastResult(0, 0, 1));
			assertThat(client.isClosedByServer(WsTestKit.TIMEOUT)).isTrue();
		}
	}

	@Test
	void theConfiguredSendQueueLimitIsTheLimitOfAWebSocketWhateverTheMessageSize() throws Exception {
		// websocket_max_message_size stays at its 16 MiB default: it must not raise the
		// limit
		try (RunningServer server = WsTestKit.server(s -> {
			assertThat(s.setOption("send_queue_limit", "65536")).isNull();
			s.addUriHandler("/push", SILENT);
		}); RawWebSocketClient client = open(server, "/push")) {
			io.mongoose.Connection[] kept = new io.mongoose.Connection[1];
			server.server().iterateOverConnections(c -> kept[0] = c).get(5, TimeUnit.SECONDS);
			assertThat(kept[0].websocketWrite(2, new byte[65536])).as("a frame larger than the limit").isZero();
			pushUntilNotReached(server.server());
			assertThat(queuedBytes(server)).isLessThanOrEqualTo(65536);
		}
	}

	@Test
	void writesToAClosedWebSocketReturnZero() throws Exception {
		try (RunningServer server = WsTestKit.server(s -> s.addUriHandler("/push", SILENT))) {
			RawWebSocketClient client = open(server, "/push");
			io.mongoose.Connection[] kept = new io.mongoose.Connection[1];
			server.server().iterateOverConnections(c -> kept[0] = c).get(5, TimeUnit.SECONDS);
			client.close();
			UpgradeWait.until(() -> kept[0].isClosed());
			assertThat(kept[0].websocketWrite("gone")).isZero();
			assertThat(server.server().websocketBroadcast(null, null, 1, utf8("x")).get(5, TimeUnit.SECONDS).reached())
				.isZero();
		}
	}

	private static RunningServer slowReaderServer(String policy) throws InterruptedException {
		return WsTestKit.server(s -> {
			assertThat(s.setOption("send_queue_limit", "65536")).isNull();
			assertThat(s.setOption("websocket_max_message_size", "1024")).isNull();
			assertThat(s.setOption("websocket_slow_reader", policy)).isNull();
			s.addUriHandler("/push", SILENT);
		});
	}

	/** Pushes 32 KiB frames to a client that never reads, until one is not queued. */
	private static BroadcastResult pushUntilNotReached(Server server) throws Exception {
		byte[] chunk = new byte[32 * 1024];
		for (int i = 0; i < 20_000; i++) {
			BroadcastResult result = server.websocketBroadcast(null, null, 2, chunk).get(5, TimeUnit.SECONDS);
			if (result.reached() == 0) {
				return result;
			}
			assertThat(result).isEqualTo(new BroadcastResult(1, 0, 0));
		}
		throw new AssertionError("the send queue never filled up");
	}

	private static long queuedBytes(RunningServer server) throws Exception {
		long[] total = new long[1];
		server.server()
			.iterateOverConnections(c -> total[0] += ((io.mongoose.http.HttpConnection) c).net().queuedBytes())
			.get(5, TimeUnit.SECONDS);
		return total[0];
	}

	private static final class UpgradeWait {

		static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
			WebSocketUpgradeTest.waitFor(condition);
		}

	}

}
