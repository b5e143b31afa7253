package io.mongoose.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed 004 event API: one manager, listeners and outbound connections, polled here.
 */
class EventManagerTest {

	private final EventManager manager = newManager();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void close() {
		this.manager.close();
	}

	@Test
	void outboundConnectionToALocalListenerExchangesData() throws Exception {
		StringBuilder received = new StringBuilder();
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
			this.events.add("server " + ev);
			if (ev == Event.RECV) {
				received.append(new String(c.recvArray(), 0, c.recvLength(), StandardCharsets.US_ASCII));
				c.consume(c.recvLength());
				c.write("pong".getBytes(StandardCharsets.US_ASCII));
				c.closeAfterSend();
			}
		});
		StringBuilder reply = new StringBuilder();
		Object[] connectResult = new Object[1];
		this.manager.connect(listener.localAddress(), (c, ev, data) -> {
			this.events.add("client " + ev);
			if (ev == Event.CONNECT) {
				connectResult[0] = data;
				c.write("ping".getBytes(StandardCharsets.US_ASCII));
			}
			if (ev == Event.RECV) {
				reply.append(new String(c.recvArray(), 0, c.recvLength(), StandardCharsets.US_ASCII));
				c.consume(c.recvLength());
			}
		});
		pollUntil(() -> this.events.contains("client CLOSE"));
		assertThat(connectResult[0]).isEqualTo(0);
		assertThat(received).hasToString("ping");
		assertThat(reply).hasToString("pong");
		assertThat(this.events).contains("server ACCEPT", "server RECV", "server SEND", "client CONNECT", "client SEND",
				"client POLL", "server CLOSE");
		assertThat(this.events.indexOf("client CONNECT")).isLessThan(this.events.indexOf("client SEND"));
	}

	@Test
	void connectToAClosedPortReportsAnError() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		Object[] result = new Object[1];
		this.manager.connect(new InetSocketAddress("127.0.0.1", port), (c, ev, data) -> {
			this.events.add(ev.name());
			if (ev == Event.CONNECT) {
				result[0] = data;
			}
		});
		pollUntil(() -> this.events.contains("CLOSE"));
		assertThat((Integer) result[0]).isEqualTo(ConnectErrors.ECONNREFUSED);
		assertThat(this.events).containsSubsequence("CONNECT", "CLOSE");
	}

	@Test
	void connectToANameThatDoesNotResolveIsAConnectEventWithAnError() throws Exception {
		Object[] result = new Object[1];
		this.manager.connect(new InetSocketAddress("does-not-exist.invalid", 80), (c, ev, data) -> {
			this.events.add(ev.name());
			if (ev == Event.CONNECT) {
				result[0] = data;
			}
		});
		pollUntil(() -> this.events.contains("CLOSE"));
		assertThat((Integer) result[0]).isEqualTo(ConnectErrors.UNRESOLVED);
		assertThat(this.events).containsExactly("CONNECT", "CLOSE");
		// the loop goes on: a refused port is reported the same way
		this.events.clear();
		connectToAClosedPortReportsAnError();
	}

	@Test
	void connectByHostNameResolvesOffTheLoopThenConnects() throws Exception {
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
			if (ev == Event.RECV) {
				c.write(c.recvArray(), 0, c.recvLength());
				c.consume(c.recvLength());
				c.closeAfterSend();
			}
		});
		Object[] result = new Object[1];
		StringBuilder echoed = new StringBuilder();
		NetConnection connection = this.manager.connect("localhost", listener.localAddress().getPort(),
				(c, ev, data) -> {
					this.events.add(ev.name());
					if (ev == Event.CONNECT) {
						result[0] = data;
						c.write("hi".getBytes(StandardCharsets.US_ASCII));
					}
					if (ev == Event.RECV) {
						echoed.append(new String(c.recvArray(), 0, c.recvLength(), StandardCharsets.US_ASCII));
						c.consume(c.recvLength());
					}
				}, null);
		assertThat(Resolver.isLiteral("localhost")).as("a name goes to the resolver thread").isFalse();
		assertThat(Resolver.isLiteral("127.0.0.1")).isTrue();
		assertThat(Resolver.isLiteral("::1")).isTrue();
		pollUntil(() -> this.events.contains("CLOSE"));
		assertThat(result[0]).isEqualTo(0);
		assertThat(echoed).hasToString("hi");
		assertThat(connection.isClosed()).isTrue();
	}

	@Test
	void connectByAHostNameThatDoesNotResolveIsAConnectEventWithAnError() throws Exception {
		Object[] result = new Object[1];
		this.manager.connect("does-not-exist.invalid", 80, (c, ev, data) -> {
			this.events.add(ev.name());
			if (ev == Event.CONNECT) {
				result[0] = data;
			}
		}, null);
		pollUntil(() -> this.events.contains("CLOSE"));
		assertThat((Integer) result[0]).isEqualTo(ConnectErrors.UNRESOLVED);
		assertThat(this.events).containsSubsequence("CONNECT", "CLOSE").doesNotContain("RECV", "SEND");
		assertThat(ConnectErrors.describe(ConnectErrors.UNRESOLVED)).isEqualTo("the host name did not resolve");
	}

	@Test
	void timerFiresOnceAtItsDeadline() throws Exception {
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
		});
		long[] fired = new long[2];
		long start = System.currentTimeMillis();
		this.manager.connect(listener.localAddress(), (c, ev, data) -> {
			if (ev == Event.CONNECT) {
				c.setTimer(start + 200);
			}
			if (ev == Event.TIMER) {
				fired[0]++;
				fired[1] = System.currentTimeMillis();
			}
		});
		long deadline = System.currentTimeMillis() + 1000;
		while (System.currentTimeMillis() < deadline) {
			this.manager.poll(20);
		}
		assertThat(fired[0]).isEqualTo(1);
		assertThat(fired[1]).isGreaterThanOrEqualTo(start + 200);
	}

	@Test
	void taskFromAnotherThreadWakesThePoll() throws Exception {
		this.manager.poll(0);
		boolean[] ran = new boolean[1];
		Thread other = new Thread(() -> this.manager.execute(() -> ran[0] = true));
		long start = System.nanoTime();
		other.start();
		other.join();
		this.manager.poll(10_000);
		assertThat(ran[0]).isTrue();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
	}

	@Test
	void pollEventsAreSweptOncePerMillisecondUnlessAConnectionAsksForMore() throws Exception {
		int[] eager = new int[1];
		int[] idle = new int[1];
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
		});
		this.manager.connect(listener.localAddress(), (c, ev, data) -> {
			if (ev == Event.CONNECT || ev == Event.POLL) {
				eager[0] += (ev == Event.POLL) ? 1 : 0;
				c.pollSoon();
			}
		});
		this.manager.connect(listener.localAddress(), (c, ev, data) -> {
			idle[0] += (ev == Event.POLL) ? 1 : 0;
		});
		pollUntil(() -> eager[0] > 0 && idle[0] > 0);
		eager[0] = 0;
		idle[0] = 0;
		long start = System.currentTimeMillis();
		int iterations = 5000;
		for (int i = 0; i < iterations; i++) {
			this.manager.poll(0);
		}
		long millis = System.currentTimeMillis() - start;
		assertThat(eager[0]).isEqualTo(iterations);
		assertThat(idle[0]).isPositive().isLessThanOrEqualTo((int) Math.min(iterations, millis + 1));
	}

	@Test
	void aClosedSocketIsClosedOnTheNextPollEvenWhenTheLoopWaitsLong() throws Exception {
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
			if (ev == Event.RECV) {
				c.consume(c.recvLength());
				c.write("bye".getBytes(StandardCharsets.US_ASCII));
				c.closeAfterSend();
			}
		});
		AtomicBoolean stop = new AtomicBoolean();
		Thread loop = new Thread(() -> {
			try {
				while (!stop.get()) {
					this.manager.poll(600_000); // a close waiting for this would time the
												// client out
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		loop.start();
		try (Socket client = new Socket()) {
			client.connect(listener.localAddress());
			client.setSoTimeout(20_000);
			client.getOutputStream().write('x');
			assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.as("the reply, then the end of the stream")
				.isEqualTo("bye");
		}
		finally {
			this.manager.execute(() -> stop.set(true));
			loop.join();
		}
	}

	@Test
	void aClientThatPausedReadingOnAcceptIsNotReadUntilItResumes() throws Exception {
		List<NetConnection> accepted = new ArrayList<>();
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
			this.events.add(ev.name());
			if (ev == Event.ACCEPT) {
				c.pauseReading();
				accepted.add(c);
			}
		});
		try (Socket client = new Socket()) {
			client.connect(listener.localAddress());
			client.getOutputStream().write('x'); // in the server's socket before it
													// accepts
			pollUntil(() -> !accepted.isEmpty());
			this.manager.poll(0);
			assertThat(this.events).as("accepted with its input there, but paused").doesNotContain("RECV");
			accepted.get(0).resumeReading();
			pollUntil(() -> this.events.contains("RECV"));
			assertThat(accepted.get(0).recvLength()).isEqualTo(1);
		}
	}

	@Test
	void nagleStaysOnForAReplyInOneWriteAndGoesOffBeforeAWriteItCouldDelay() throws Exception {
		List<Boolean> noDelayAfterSend = new ArrayList<>();
		NetListener listener = this.manager.listen(new InetSocketAddress("127.0.0.1", 0), (c, ev, data) -> {
			if (ev == Event.RECV) {
				c.consume(c.recvLength());
				c.write("ok".getBytes(StandardCharsets.US_ASCII));
			}
			if (ev == Event.SEND) {
				try {
					noDelayAfterSend.add(c.channel.getOption(StandardSocketOptions.TCP_NODELAY));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
		try (Socket client = new Socket()) {
			client.connect(listener.localAddress());
			client.getOutputStream().write('1');
			pollUntil(() -> noDelayAfterSend.size() == 1);
			client.getOutputStream().write('2');
			pollUntil(() -> noDelayAfterSend.size() == 2);
		}
		assertThat(noDelayAfterSend).containsExactly(false, true);
	}

	private void pollUntil(java.util.function.BooleanSupplier condition) throws Exception {
		long deadline = System.currentTimeMillis() + 5000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("not reached in 5 s; events so far: " + this.events);
			}
			this.manager.poll(20);
		}
	}

	private static EventManager newManager() {
		try {
			return new EventManager();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
