package io.mongoose.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.mongoose.Handler.Result;
import io.mongoose.Reply;
import io.mongoose.Server;

/**
 * One keep-alive connection to a real server on loopback, {@value #BATCH} pipelined
 * {@code GET}s per call, each answered by a handler with a 13-byte body: the whole path
 * of a request (parse, dispatch, reply head, send) per operation. {@code request} names
 * the handler's way of answering: {@code sendReply}, a head with one more header then the
 * body, or a {@link Reply} value with one more header. What the server's IO thread
 * allocates per request is printed after each iteration
 * ({@code io-thread bytes/request}); JMH's own {@code -prof gc} counts only the client's
 * thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpHotPathBenchmark {

	static final int BATCH = 16;

	private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

	private static final Reply CREATED = Reply.of(201).header("Location", "/items/7").body("text/plain", HELLO);

	@Param({ "sendReply", "headers", "value" })
	public String request;

	private Server server;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	private byte[] requests;

	private final byte[] buf = new byte[64 * 1024];

	private int batchBytes;

	private Thread ioThread;

	private long ioBytesAtStart;

	private long requestsDone;

	@Setup(Level.Trial)
	public void setup() throws IOException {
		this.server = Server.create(null);
		this.server.setOption("listening_port", "127.0.0.1:0");
		this.server.addUriHandler("/sendReply", c -> {
			c.sendReply(200, "text/plain", HELLO);
			return Result.DONE;
		});
		this.server.addUriHandler("/headers", c -> {
			c.sendStatus(201).sendHeader("Location", "/items/7").sendHeader("Content-Type", "text/plain");
			c.sendData(HELLO);
			return Result.DONE;
		});
		this.server.addUriHandler("/value", c -> {
			c.send(CREATED);
			return Result.DONE;
		});
		this.server.start();
		java.util.concurrent.CompletableFuture<Thread> io = new java.util.concurrent.CompletableFuture<>();
		this.server.execute(() -> io.complete(Thread.currentThread()));
		this.ioThread = io.join();
		this.socket = new Socket("127.0.0.1", this.server.getLocalPort());
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(10_000);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
		String one = "GET /" + this.request + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
		this.requests = one.repeat(BATCH).getBytes(StandardCharsets.US_ASCII);
		this.out.write(one.getBytes(StandardCharsets.US_ASCII));
		this.batchBytes = BATCH * readOneReply();
	}

	/** The length of the first reply (the Date header has a fixed width). */
	private int readOneReply() throws IOException {
		int n = 0;
		while (true) {
			int r = this.in.read(this.buf, n, this.buf.length - n);
			if (r < 0) {
				throw new IOException("closed");
			}
			n += r;
			String text = new String(this.buf, 0, n, StandardCharsets.ISO_8859_1);
			if (text.endsWith("Hello, world!")) {
				return n;
			}
			if (text.endsWith("\r\n0\r\n\r\n") && text.contains("Hello, world!")) {
				return n;
			}
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public int batch() throws IOException {
		this.out.write(this.requests);
		int n = 0;
		while (n < this.batchBytes) {
			int r = this.in.read(this.buf, 0, Math.min(this.buf.length, this.batchBytes - n));
			if (r < 0) {
				throw new IOException("closed after " + n + " bytes");
			}
			n += r;
		}
		this.requestsDone += BATCH;
		return n;
	}

	@Setup(Level.Iteration)
	public void startCounting() {
		this.ioBytesAtStart = allocatedByIoThread();
		this.requestsDone = 0;
	}

	@TearDown(Level.Iteration)
	public void report() {
		long bytes = allocatedByIoThread() - this.ioBytesAtStart;
		System.out.printf("io-thread bytes/request: %.1f (%d requests)%n", (double) bytes / this.requestsDone,
				this.requestsDone);
	}

	private long allocatedByIoThread() {
		return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(this.ioThread.getId());
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException, InterruptedException {
		this.socket.close();
		this.server.close();
	}

}
