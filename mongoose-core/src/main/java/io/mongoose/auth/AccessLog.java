package io.mongoose.auth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mongoose.Connection;
import io.mongoose.RequestListener;
import io.mongoose.http.HttpConnection;

/**
 * The {@code access_log_file}: one NCSA combined line per answered request (refused ones
 * and WebSocket handshakes included),
 * {@code ip - user [dd/Mon/yyyy:HH:mm:ss zone] "METHOD URI HTTP/v" status bytes "Referer" "User-Agent"}.
 * The IO thread only formats the line and hands it to a queue; a daemon thread appends
 * the lines to the file and flushes at least every {@link #FLUSH_MILLIS} ms and on
 * {@link #close()}. If the disk cannot keep up, lines beyond {@link #MAX_PENDING} are
 * dropped and counted rather than holding up the server.
 */
public final class AccessLog implements RequestListener, AutoCloseable {

	private static final System.Logger log = System.getLogger(AccessLog.class.getName());

	public static final long FLUSH_MILLIS = 200;

	public static final int MAX_PENDING = 65_536;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

	private static final String STOP = new String("stop");

	private final Path file;

	private final Writer out;

	private final BlockingQueue<String> pending = new LinkedBlockingQueue<>(MAX_PENDING);

	private final AtomicLong dropped = new AtomicLong();

	private final Thread writer;

	private final ZoneId zone;

	private volatile boolean closed;

	/** Opens (creates or appends to) {@code file} and starts the writer thread. */
	public AccessLog(Path file) throws IOException {
		this(file, ZoneId.systemDefault());
	}

	public AccessLog(Path file, ZoneId zone) throws IOException {
		this.file = file;
		this.zone = zone;
		this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
		this.writer = new Thread(this::run, "mongoose-access-log");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	@Override
	public void requestCompleted(Connection c, long startNanos, long bytesSent) {
		if (this.closed) {
			return;
		}
		long startMillis = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
		String line = format(c, startMillis, bytesSent, this.zone);
		if (!this.pending.offer(line)) {
			this.dropped.incrementAndGet();
		}
	}

	/**
	 * One log line (without the line break). The user is the one the request
	 * authenticated as, never a name it merely claims; a request refused before its
	 * request line was read shows as {@code "-"}.
	 */
	public static String format(Connection c, long startMillis, long bytesSent, ZoneId zone) {
		String user = (c instanceof HttpConnection http) ? http.authenticatedUser() : null;
		StringBuilder sb = new StringBuilder(160);
		sb.append(c.remoteIp())
			.append(" - ")
			.append(user == null || user.isEmpty() ? "-" : escape(user))
			.append(" [")
			.append(TIME.format(Instant.ofEpochMilli(startMillis).atZone(zone)))
			.append("] \"");
		if (c.uri() == null || c.requestMethod() == null) {
			sb.append('-');
		}
		else {
			String target = c.uri() + ((c.queryString() != null) ? "?" + c.queryString() : "");
			sb.append(escape(c.requestMethod()))
				.append(' ')
				.append(escape(target))
				.append(" HTTP/")
				.append(c.httpVersion());
		}
		sb.append("\" ")
			.append(c.statusCode())
			.append(' ')
			.append(bytesSent)
			.append(" \"")
			.append(quoted(c.getHeader("Referer")))
			.append("\" \"")
			.append(quoted(c.getHeader("User-Agent")))
			.append('"');
		return sb.toString();
	}

	private static String quoted(String value) {
		return (value == null) ? "-" : escape(value);
	}

	/** Escapes quotes, backslashes and control characters so a line cannot be forged. */
	static String escape(String s) {
		StringBuilder sb = null;
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			boolean bad = ch == '"' || ch == '\\' || ch < 0x20 || ch == 0x7f;
			if (bad && sb == null) {
				sb = new StringBuilder(s.length() + 8).append(s, 0, i);
			}
			if (sb != null) {
				if (bad) {
					sb.append(String.format("\\x%02x", (int) ch));
				}
				else {
					sb.append(ch);
				}
			}
		}
		return (sb == null) ? s : sb.toString();
	}

	private void run() {
		List<String> batch = new ArrayList<>();
		try {
			while (true) {
				String first = this.pending.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
				if (first != null) {
					batch.add(first);
					this.pending.drainTo(batch);
				}
				boolean stop = false;
				for (String line : batch) {
					if (line == STOP) {
						stop = true;
						continue;
					}
					this.out.write(line);
					this.out.write('\n');
				}
				batch.clear();
				this.out.flush();
				long lost = this.dropped.getAndSet(0);
				if (lost > 0) {
					log.log(Level.WARNING, "access log " + this.file + " fell behind: " + lost + " lines dropped");
				}
				if (stop) {
					return;
				}
			}
		}
		catch (IOException ex) {
			log.log(Level.ERROR, "cannot write the access log " + this.file, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				this.out.close();
			}
			catch (IOException ignored) {
				// nothing more to do
			}
		}
	}

	/** Writes what is pending, flushes and closes the file (waits up to five seconds). */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		while (!this.pending.offer(STOP)) {
			this.pending.poll();
		}
		try {
			this.writer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public Path file() {
		return this.file;
	}

}
