package io.mongoose.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of the blocking benchmark: {@code CLIENTS} keep-alive connections each asking
 * {@code GET /block} in a loop, and one more asking {@code GET /hello} in a loop, whose
 * every latency is kept. After a warm-up it counts for {@code SECONDS} and prints one
 * tab-separated line: {@code /block} replies per second, {@code /hello} replies, their
 * p50, p99 and max latency in milliseconds, and failed exchanges (a connection the server
 * closes after a {@code Connection: close} reply is opened again, not counted).
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.mongoose.benchmarks.BlockingLoad PORT
 * [CLIENTS] [WARMUP_SECONDS] [SECONDS]}.
 */
public final class BlockingLoad {

	private static final byte[] BLOCK = request("/block");

	private static final byte[] HELLO = request("/hello");

	private final int port;

	private volatile boolean counting;

	private volatile boolean stopped;

	private final AtomicLong blockReplies = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private long[] helloNanos = new long[1 << 16];

	private int helloCount;

	private BlockingLoad(int port) {
		this.port = port;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: java -cp benchmarks.jar io.mongoose.benchmarks.BlockingLoad PORT "
					+ "[CLIENTS] [WARMUP_SECONDS] [SECONDS]");
			System.exit(2);
		}
		int port = Integer.parseInt(args[0]);
		int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		int warmup = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		int seconds = (args.length > 3) ? Integer.parseInt(args[3]) : 10;
		new BlockingLoad(port).run(clients, warmup, seconds);
	}

	private void run(int clients, int warmupSeconds, int seconds) throws Exception {
		CountDownLatch done = new CountDownLatch(clients + 1);
		for (int i = 0; i < clients; i++) {
			start("block-" + i, done, this::blockLoop);
		}
		start("hello", done, this::helloLoop);
		Thread.sleep(warmupSeconds * 1000L);
		this.counting = true;
		long started = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		this.counting = false;
		double elapsed = (System.nanoTime() - started) / 1e9;
		this.stopped = true;
		done.await();
		long[] hello;
		synchronized (this) {
			hello = Arrays.copyOf(this.helloNanos, this.helloCount);
		}
		Arrays.sort(hello);
		System.out.printf("%.1f\t%d\t%.2f\t%.2f\t%.2f\t%d%n", this.blockReplies.get() / elapsed, hello.length,
				percentile(hello, 0.50), percentile(hello, 0.99), percentile(hello, 1.0), this.failures.get());
	}

	private interface Loop {

		void run(Exchange exchange) throws IOException;

	}

	private void start(String name, CountDownLatch done, Loop loop) {
		Thread thread = new Thread(() -> {
			try {
				while (!this.stopped) {
					try (Exchange exchange = new Exchange(this.port)) {
						loop.run(exchange);
					}
					catch (IOException ex) {
						this.failures.incrementAndGet();
					}
				}
			}
			finally {
				done.countDown();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
	}

	private void blockLoop(Exchange exchange) throws IOException {
		boolean open = true;
		while (open && !this.stopped) {
			open = exchange.call(BLOCK);
			if (this.counting) {
				this.blockReplies.incrementAndGet();
			}
		}
	}

	private void helloLoop(Exchange exchange) throws IOException {
		boolean open = true;
		while (open && !this.stopped) {
			long started = System.nanoTime();
			open = exchange.call(HELLO);
			long took = System.nanoTime() - started;
			if (this.counting) {
				synchronized (this) {
					if (this.helloCount == this.helloNanos.length) {
						this.helloNanos = Arrays.copyOf(this.helloNanos, this.helloCount * 2);
					}
					this.helloNanos[this.helloCount++] = took;
				}
			}
		}
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	private static byte[] request(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** One keep-alive connection: a request written, its reply read to the last byte. */
	private static final class Exchange implements AutoCloseable {

		private final Socket socket = new Socket();

		private final OutputStream out;

		private final InputStream in;

		Exchange(int port) throws IOException {
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			this.socket.setSoTimeout(30_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream());
		}

		/** Returns false when the server closes the connection after this reply. */
		boolean call(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			StringBuilder line = new StringBuilder();
			int length = -1;
			boolean first = true;
			boolean keepAlive = true;
			while (true) {
				int b = this.in.read();
				if (b < 0) {
					throw new IOException("closed");
				}
				if (b != '\n') {
					if (b != '\r') {
						line.append((char) b);
					}
					continue;
				}
				if (line.isEmpty()) {
					break;
				}
				String header = line.toString();
				if (first && !header.startsWith("HTTP/1.1 200")) {
					throw new IOException(header);
				}
				first = false;
				if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Integer.parseInt(header.substring(15).trim());
				}
				else if (header.regionMatches(true, 0, "Connection:", 0, 11)) {
					keepAlive = !header.substring(11).trim().equalsIgnoreCase("close");
				}
				line.setLength(0);
			}
			if (length < 0) {
				throw new IOException("no Content-Length");
			}
			for (int i = 0; i < length; i++) {
				if (this.in.read() < 0) {
					throw new IOException("closed");
				}
			}
			return keepAlive;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
