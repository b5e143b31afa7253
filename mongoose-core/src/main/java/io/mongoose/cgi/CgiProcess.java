package io.mongoose.cgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Header;
import io.mongoose.http.HttpConnection;
import io.mongoose.net.NetConnection;

/**
 * One running CGI process bridged onto the event loop.
 * <p>
 * Off the IO thread, pump threads feed the buffered request body to the process's stdin,
 * read its stdout into a small bounded queue (so a slow client slows the script down
 * instead of filling the heap) and log its stderr. On the IO thread this object is the
 * request's long-running continuation ({@link HttpConnection#continueWith}): each poll it
 * reads the CGI header block ({@link CgiHeaders}), then streams the body as produced,
 * through the connection's reply writer, which frames it: as an identity body when the
 * script sent {@code Content-Length}, else chunked on HTTP/1.1 or close-delimited on
 * HTTP/1.0. A watchdog kills the process tree when it produces nothing for
 * {@code cgi_timeout_ms}; closing the connection kills it too. The JDK reaps every child;
 * once the process and all its pumps have ended, the runner's slot is released.
 * <p>
 * The gateway answers {@code 502} for a header block a client could not read as one reply
 * (see {@link CgiHeaders}).
 * <p>
 * Over 400 lines because a script's three pumps, its header hand-off and its continuation
 * on the IO thread share one life cycle: start, stream, time out, kill.
 */
final class CgiProcess implements Handler {

	private static final System.Logger log = System.getLogger(CgiProcess.class.getName());

	private static final int MAX_HEAD = 64 * 1024;

	private static final int CHUNK = 16 * 1024;

	private static final byte[] EOF = new byte[0];

	/**
	 * How long after a kill the reply may take to end before the connection is dropped.
	 */
	private static final long KILL_GRACE_MILLIS = 2000;

	static final ScheduledExecutorService WATCHDOG;

	static {
		ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, daemon("mongoose-cgi-watchdog"));
		watchdog.setRemoveOnCancelPolicy(true);
		WATCHDOG = watchdog;
	}

	private final HttpConnection c;

	private final NetConnection net;

	private final Process process;

	private final String name;

	private final long timeoutMillis;

	private final Executor pumps;

	/**
	 * The pumps still running, plus one for the process itself; at zero the slot is
	 * released.
	 */
	private final AtomicInteger alive = new AtomicInteger(1);

	private final Runnable release;

	private final BlockingQueue<byte[]> output = new ArrayBlockingQueue<>(8);

	private volatile boolean finished;

	private volatile boolean timedOut;

	private volatile long lastActivity = System.currentTimeMillis();

	// IO thread only
	private byte[] head = new byte[0];

	private int headLength;

	private boolean headersSent;

	/** The header block was refused with {@code 502}: the reply is over. */
	private boolean rejected;

	/** What the script's {@code Content-Length} still allows, or -1 without one. */
	private long remaining = -1;

	private boolean overflowed;

	private byte[] pending;

	private boolean eof;

	/**
	 * @param pumps runs the three pump tasks (it must have room for them)
	 * @param release called once, on any thread, when the process and its pumps have all
	 * ended
	 */
	CgiProcess(HttpConnection c, Process process, String name, long timeoutMillis, Executor pumps, Runnable release) {
		this.c = c;
		this.net = c.net();
		this.process = process;
		this.name = name;
		this.timeoutMillis = timeoutMillis;
		this.pumps = pumps;
		this.release = release;
	}

	/** Starts the pumps and the watchdog; {@code body} is the buffered request body. */
	void start(byte[] body) {
		if (body.length == 0) {
			closeQuietly(this.process.getOutputStream());
		}
		else {
			pump(() -> feedStdin(body));
		}
		pump(this::readStdout);
		pump(this::logStderr);
		this.process.onExit().whenComplete((p, ex) -> ended());
		if (this.timeoutMillis > 0) {
			WATCHDOG.schedule(this::watch, this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
	}

	// ---- pumps (off the IO thread)
	// ------------------------------------------------------------

	private void pump(Runnable task) {
		this.alive.incrementAndGet();
		this.pumps.execute(() -> {
			try {
				task.run();
			}
			finally {
				ended();
			}
		});
	}

	private void ended() {
		if (this.alive.decrementAndGet() == 0) {
			this.release.run();
		}
	}

	private void feedStdin(byte[] body) {
		try (OutputStream in = this.process.getOutputStream()) {
			for (int off = 0; off < body.length && !this.finished; off += CHUNK) {
				in.write(body, off, Math.min(CHUNK, body.length - off));
				this.lastActivity = System.currentTimeMillis();
			}
		}
		catch (IOException ex) {
			log.log(Level.DEBUG, () -> this.name + " did not read all of the request body: " + ex);
		}
	}

	private void readStdout() {
		try (InputStream out = this.process.getInputStream()) {
			byte[] buf = new byte[CHUNK];
			int n;
			while ((n = out.read(buf)) > 0) {
				this.lastActivity = System.currentTimeMillis();
				if (!hand(Arrays.copyOf(buf, n))) {
					return;
				}
			}
		}
		catch (IOException ex) {
			log.log(Level.DEBUG, () -> this.name + ": reading its output failed: " + ex);
		}
		hand(EOF);
	}

	/**
	 * Queues output for the IO thread, waiting while the queue is full; false once the
	 * reply ended.
	 */
	private boolean hand(byte[] chunk) {
		try {
			while (!this.finished) {
				if (this.output.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
					this.net.manager().wakeup();
					return true;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	private void logStderr() {
		try (BufferedReader err = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = err.readLine()) != null) {
				String text = line;
				log.log(Level.WARNING, () -> this.name + ": " + text);
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	private void watch() {
		if (!this.process.isAlive()) {
			return;
		}
		long idle = System.currentTimeMillis() - this.lastActivity;
		if (idle < this.timeoutMillis) {
			WATCHDOG.schedule(this::watch, this.timeoutMillis - idle, TimeUnit.MILLISECONDS);
			return;
		}
		log.log(Level.WARNING, this.name + ": no output for " + this.timeoutMillis + " ms, killed");
		this.timedOut = true;
		kill();
		WATCHDOG.schedule(() -> {
			if (!this.finished) {
				this.net.manager().execute(() -> {
					if (!this.finished) {
						this.net.closeNow();
					}
				});
			}
		}, KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Kills the process and everything it started. */
	void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	// ---- the reply (IO thread)
	// ------------------------------------------------------------------

	@Override
	public Result handle(Connection connection) {
		if (this.c.wsBits() == 1) { // the connection closed before the reply ended
			this.finished = true;
			this.output.clear();
			kill();
			return Result.DONE;
		}
		try {
			Result result = step();
			if (result != Result.CALL_AGAIN) {
				this.finished = true;
				this.output.clear();
			}
			return result;
		}
		catch (RuntimeException ex) {
			this.finished = true;
			kill();
			throw ex;
		}
	}

	private Result step() {
		while (true) {
			if (this.pending != null) {
				if (this.c.sendData(this.pending) == 0) {
					return this.net.isClosed() ? Result.DONE : Result.CALL_AGAIN;
				}
				this.pending = null;
				this.lastActivity = System.currentTimeMillis();
			}
			if (this.eof) {
				return end();
			}
			if (this.net.queuedBytes() > this.net.sendLimit() / 2) {
				return Result.CALL_AGAIN;
			}
			byte[] chunk = this.output.poll();
			if (chunk == null) {
				return Result.CALL_AGAIN;
			}
			if (chunk == EOF) {
				this.eof = true;
			}
			else if (this.headersSent) {
				body(chunk, 0, chunk.length);
			}
			else if (!collectHead(chunk)) {
				badGateway("a header block larger than " + MAX_HEAD + " bytes");
				return Result.DONE;
			}
			else if (this.rejected) {
				return Result.DONE;
			}
		}
	}

	/** Called once the script's output ended. */
	private Result end() {
		if (!this.headersSent) {
			if (this.timedOut) {
				this.c.sendError(504, "the CGI script timed out");
			}
			else {
				log.log(Level.WARNING, this.name + ": "
						+ (this.headLength == 0 ? "no output" : "output ended inside the header block"));
				this.c.sendError(500, null);
			}
			return Result.DONE;
		}
		if (this.timedOut) {
			this.c.cutReplyShort(); // no end marker: the client sees the reply was cut
									// short
		}
		return Result.DONE; // the writer ends the body (and closes after one shorter than
							// its Content-Length)
	}

	/**
	 * Buffers output until the header block is complete, then sends the head; false if
	 * too large.
	 */
	private boolean collectHead(byte[] chunk) {
		if (this.headLength + chunk.length > this.head.length) {
			this.head = Arrays.copyOf(this.head, Math.max(this.head.length * 2, this.headLength + chunk.length));
		}
		System.arraycopy(chunk, 0, this.head, this.headLength, chunk.length);
		int from = Math.max(0, this.headLength - 3);
		this.headLength += chunk.length;
		int end = CgiHeaders.end(this.head, from, this.headLength);
		if (end < 0) {
			return this.headLength <= MAX_HEAD;
		}
		sendHead(new String(this.head, 0, end, StandardCharsets.ISO_8859_1));
		if (this.headersSent && !this.rejected && end < this.headLength) {
			body(this.head, end, this.headLength - end);
		}
		this.head = null;
		return true;
	}

	/**
	 * Hands the script's status and headers to the writer; the body's first bytes send
	 * them.
	 */
	private void sendHead(String block) {
		CgiHeaders headers = CgiHeaders.parse(block);
		if (headers.refusal() != null) {
			badGateway(headers.refusal());
			return;
		}
		if (headers.close()) {
			this.c.finishAndClose();
		}
		this.c.sendStatus(headers.status());
		for (Header h : headers.headers()) {
			this.c.sendHeader(h.name(), h.value());
		}
		this.remaining = headers.contentLength();
		this.headersSent = true;
	}

	/** Ends the reply with {@code 502}: the script's header block cannot be passed on. */
	private void badGateway(String what) {
		log.log(Level.WARNING, this.name + " sent " + what + ": answered 502");
		this.rejected = true;
		kill();
		this.c.sendError(502, null);
	}

	/** Passes body bytes on, cut at the script's {@code Content-Length}. */
	private void body(byte[] data, int offset, int length) {
		int n = (this.remaining < 0) ? length : (int) Math.min(length, this.remaining);
		if (n < length && !this.overflowed) {
			this.overflowed = true;
			log.log(Level.WARNING, this.name + ": output longer than its Content-Length, the rest dropped");
			this.c.finishAndClose(); // the connection cannot carry what follows
		}
		if (this.remaining >= 0) {
			this.remaining -= n;
		}
		this.pending = (n == 0) ? null : Arrays.copyOfRange(data, offset, offset + n);
	}

	private static void closeQuietly(OutputStream out) {
		try {
			out.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

	static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

}
