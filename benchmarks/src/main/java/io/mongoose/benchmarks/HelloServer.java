package io.mongoose.benchmarks;

import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.mongoose.BroadcastResult;
import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.Server;
import io.mongoose.WebSocketHandler;

/**
 * The server the load scripts ({@code bench-http.sh}, {@code bench-ws.sh}) run beside its
 * peers, built on the core alone and following the peers' contract:
 * <ul>
 * <li>{@code GET /hello}: 200, {@code text/plain}, {@code Hello, world!} (13 bytes);</li>
 * <li>{@code GET /static/NAME}: the file NAME of {@code STATIC_DIR}, sent with zero-copy
 * ({@code FileChannel.transferTo}, sendfile on Linux);</li>
 * <li>{@code /ws}: WebSocket clients; {@code POST /broadcast} sends its body as one text
 * frame to every connected client and answers 200 once the frames are queued.</li>
 * </ul>
 * Usage:
 * {@code java [-Dmongoose.threads=N] [-Dmongoose.reusePort=true] -cp benchmarks.jar
 * io.mongoose.benchmarks.HelloServer PORT [STATIC_DIR]}. With N &gt; 1, N servers share
 * one listening socket, each polled by its own thread (the original's multi-threaded
 * model); with {@code mongoose.reusePort} each server binds the port with its own socket
 * ({@code reuse_port}) and the kernel spreads the connections among them.
 */
public final class HelloServer {

	private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EMPTY = new byte[0];

	private final List<Server> servers = new ArrayList<>();

	/**
	 * Requests served per server: with several threads, how the connections were spread
	 * (printed when the process ends).
	 */
	private final List<AtomicLong> served = new ArrayList<>();

	private final Path staticDir;

	private HelloServer(Path staticDir) {
		this.staticDir = staticDir;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: java [-Dmongoose.threads=N] -cp benchmarks.jar "
					+ "io.mongoose.benchmarks.HelloServer PORT [STATIC_DIR]");
			System.exit(2);
		}
		int port = Integer.parseInt(args[0]);
		Path dir = (args.length > 1) ? Path.of(args[1]).toRealPath() : null;
		int threads = Math.max(1, Integer.getInteger("mongoose.threads", 1));
		new HelloServer(dir).run(port, threads, Boolean.getBoolean("mongoose.reusePort"));
	}

	private void run(int port, int threads, boolean reusePort) throws InterruptedException {
		// Configured on this thread before anyone polls; each poller thread then claims
		// its server.
		ServerSocketChannel shared = null;
		for (int i = 0; i < threads; i++) {
			Server server = Server.create(null);
			if (reusePort || i == 0) {
				// reuse_port before listening_port: the bind then sets SO_REUSEPORT
				String error = reusePort ? server.setOption("reuse_port", "yes") : null;
				if (error == null) {
					error = server.setOption("listening_port", "127.0.0.1:" + port);
				}
				if (error != null) {
					System.err.println(error);
					System.exit(1);
				}
				shared = server.getListeningSocket();
			}
			else {
				server.setListeningSocket(shared);
			}
			register(server);
			this.servers.add(server);
		}
		for (Server server : this.servers) {
			server.start();
		}
		if (threads > 1) {
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> System.out.println("requests per server thread: " + this.served)));
		}
		System.out.println("HelloServer listening on 127.0.0.1:" + port + ", " + threads + " thread(s)"
				+ (reusePort ? " with reuse_port" : "")
				+ ((this.staticDir != null) ? ", static " + this.staticDir : ""));
		Thread.currentThread().join(); // the IO threads serve until the process is killed
	}

	private static void check(String error) {
		if (error != null) {
			throw new IllegalArgumentException(error);
		}
	}

	private void register(Server server) {
		AtomicLong served = new AtomicLong(); // written by its IO thread alone: no locked
												// add
		this.served.add(served);
		server.addUriHandler("/hello", conn -> {
			served.setPlain(served.getPlain() + 1);
			conn.sendReply(200, "text/plain", HELLO);
			return Result.DONE;
		});
		if (this.staticDir != null) {
			// the core's static-file pipeline: zero-copy transferTo, ETag, ranges
			String dir = this.staticDir.toString();
			check(server.setOption("document_root", dir));
			check(server.setOption("url_rewrites", "/static=" + dir));
		}
		// -Dmongoose.deflate=yes|no: permessage-deflate for clients that offer it
		String deflate = System.getProperty("mongoose.deflate");
		if (deflate != null) {
			check(server.setOption("websocket_deflate", deflate));
		}
		// frames from clients are ignored: the fan-out test only listens (a plain GET
		// gets 426)
		server.addUriHandler("/ws", WebSocketHandler.of(conn -> Result.DONE));
		server.addUriHandler("/broadcast", new BroadcastHandler(server));
	}

	/**
	 * POST /broadcast: one text frame with the body to every WebSocket of every server;
	 * replies once all servers queued it. From the IO thread the own server's broadcast
	 * completes at once; other servers complete on their threads and wake this one up.
	 */
	private final class BroadcastHandler implements Handler {

		private final Server self;

		BroadcastHandler(Server self) {
			this.self = self;
		}

		@Override
		public Result handle(Connection conn) {
			@SuppressWarnings("unchecked")
			CompletableFuture<BroadcastResult> pending = (CompletableFuture<BroadcastResult>) conn.connectionParam();
			if (pending == null) {
				if (!"POST".equals(conn.requestMethod())) {
					conn.sendReply(405, "text/plain", "POST only\n");
					return Result.DONE;
				}
				byte[] body = conn.content();
				CompletableFuture<?>[] all = new CompletableFuture<?>[HelloServer.this.servers.size()];
				for (int i = 0; i < all.length; i++) {
					all[i] = HelloServer.this.servers.get(i).websocketBroadcast(null, null, 1, body);
				}
				CompletableFuture<BroadcastResult> done = CompletableFuture.allOf(all)
					.thenApply(v -> (BroadcastResult) all[0].join());
				if (!done.isDone()) {
					done.whenComplete((r, ex) -> this.self.wakeup());
					conn.setConnectionParam(done);
					return Result.CALL_AGAIN;
				}
				pending = done;
			}
			if (conn.wsBits() == 1 && !pending.isDone()) {
				conn.setConnectionParam(null); // the connection is closing
				return Result.DONE;
			}
			if (!pending.isDone()) {
				return Result.CALL_AGAIN;
			}
			conn.setConnectionParam(null);
			conn.sendReply(200, "text/plain", EMPTY);
			return Result.DONE;
		}

	}

}
