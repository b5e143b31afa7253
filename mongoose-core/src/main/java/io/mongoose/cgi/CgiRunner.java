package io.mongoose.cgi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mongoose.files.ScriptRunner;
import io.mongoose.files.StaticFiles;
import io.mongoose.http.HttpConnection;

/**
 * CGI/1.1 for files matching {@code cgi_pattern} ({@code c:open_cgi_endpoint}): starts
 * the script in its own directory with the CGI environment — through
 * {@code cgi_interpreter} when set, else through the interpreter of its {@code #!} line
 * (read here rather than left to the kernel), else directly — and bridges the process
 * onto the event loop ({@link CgiProcess}). Every request method reaches the script (5.1
 * allowed GET, HEAD and POST only). At most {@code cgi_max_processes} scripts run at
 * once, each with its three pump threads from a pool of that size; a request above the
 * cap gets {@code 503} with {@code Retry-After} rather than a fork. IO thread.
 */
public final class CgiRunner implements ScriptRunner {

	private static final System.Logger log = System.getLogger(CgiRunner.class.getName());

	/** The default of {@code cgi_timeout_ms}. */
	public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

	/** The default of {@code cgi_max_processes}. */
	public static final int DEFAULT_MAX_PROCESSES = 8;

	/** Pump threads a running script needs: stdin, stdout and stderr. */
	private static final int PUMPS_PER_PROCESS = 3;

	private final StaticFiles files;

	private String interpreter;

	private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

	private volatile int maxProcesses = DEFAULT_MAX_PROCESSES;

	/** Scripts started whose process and pumps have not all ended yet. */
	private final AtomicInteger running = new AtomicInteger();

	/**
	 * The pump threads, bounded by the process cap: a task queues only for the moment a
	 * finishing pump still holds its thread, so the queue never waits on a blocked pump.
	 */
	private final ThreadPoolExecutor pumps;

	/**
	 * @param files the pipeline whose document root and {@code auth_domain} the
	 * environment reports
	 */
	public CgiRunner(StaticFiles files) {
		this.files = files;
		int threads = DEFAULT_MAX_PROCESSES * PUMPS_PER_PROCESS;
		this.pumps = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				CgiProcess.daemon("mongoose-cgi-pump"));
		this.pumps.allowCoreThreadTimeOut(true);
	}

	/**
	 * {@code cgi_interpreter}: the program that runs every script; null or empty to use
	 * {@code #!} lines.
	 */
	public void setInterpreter(String interpreter) {
		this.interpreter = (interpreter == null || interpreter.isBlank()) ? null : interpreter.trim();
	}

	/** {@code cgi_timeout_ms}: a script silent for this long is killed; 0 = never. */
	public void setTimeoutMillis(long timeoutMillis) {
		this.timeoutMillis = timeoutMillis;
	}

	/** {@code cgi_max_processes}: how many scripts may run at once (at least 1). */
	public void setMaxProcesses(int max) {
		int threads = max * PUMPS_PER_PROCESS;
		if (threads > this.pumps.getMaximumPoolSize()) {
			this.pumps.setMaximumPoolSize(threads);
			this.pumps.setCorePoolSize(threads);
		}
		else {
			this.pumps.setCorePoolSize(threads);
			this.pumps.setMaximumPoolSize(threads);
		}
		this.maxProcesses = max;
	}

	@Override
	public boolean run(HttpConnection connection, Path script) {
		return run(connection, script, connection.uri(), null);
	}

	@Override
	public boolean run(HttpConnection c, Path script, String scriptName, String pathInfo) {
		Path file = script.toAbsolutePath();
		if (this.running.incrementAndGet() > this.maxProcesses) {
			this.running.decrementAndGet();
			log.log(Level.WARNING, "CGI " + file + " refused for " + c + ": " + this.maxProcesses
					+ " scripts already running (cgi_max_processes)");
			refuse(c);
			return true;
		}
		byte[] body = c.content();
		Process process;
		try {
			List<String> command = command(file, this.interpreter);
			ProcessBuilder builder = new ProcessBuilder(command).directory(file.getParent().toFile());
			Map<String, String> env = builder.environment();
			env.clear();
			env.putAll(CgiEnvironment.build(c, file, scriptName, pathInfo, this.files.digest().realm(),
					this.files.mapper().root(), body.length, c.net().isSecure()));
			process = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			this.running.decrementAndGet();
			log.log(Level.WARNING, "cannot start CGI " + file + ": " + ex);
			c.sendError(500, null);
			return true;
		}
		CgiProcess started = new CgiProcess(c, process, "CGI " + file, this.timeoutMillis, this.pumps,
				this.running::decrementAndGet);
		c.continueWith(started);
		started.start(body);
		return true;
	}

	/**
	 * {@code 503}: the script may run once one of the others ended; a client may retry
	 * soon.
	 */
	private static void refuse(HttpConnection c) {
		byte[] body = "503 Service Unavailable\ntoo many CGI scripts running\n".getBytes(StandardCharsets.US_ASCII);
		if (!c.sendHead(503, "Retry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\n", body)) {
			c.net().closeNow();
		}
	}

	/**
	 * The command that runs {@code script}: {@code [interpreter, script]}, or
	 * {@code [shebang program, (its argument), script]}, or {@code [script]}. A relative
	 * program path in a {@code #!} line is taken relative to the script's directory.
	 */
	static List<String> command(Path script, String interpreter) throws IOException {
		List<String> command = new ArrayList<>();
		if (interpreter != null) {
			command.add(interpreter);
		}
		else {
			String line = shebang(script);
			if (line != null) {
				String trimmed = line.strip();
				int space = indexOfWhitespace(trimmed);
				String program = (space < 0) ? trimmed : trimmed.substring(0, space);
				if (program.isEmpty()) {
					throw new IOException("empty #! line");
				}
				if (program.contains("/") && !program.startsWith("/")) {
					program = script.getParent().resolve(program).normalize().toString();
				}
				command.add(program);
				if (space >= 0) {
					String argument = trimmed.substring(space).strip();
					if (!argument.isEmpty()) {
						command.add(argument); // one argument, as the Linux kernel passes
												// it
					}
				}
			}
		}
		command.add(script.toString());
		return command;
	}

	/** The text after {@code #!} on the first line, or null if there is none. */
	static String shebang(Path script) throws IOException {
		byte[] start = new byte[1024];
		int n;
		try (InputStream in = Files.newInputStream(script)) {
			n = in.readNBytes(start, 0, start.length);
		}
		if (n < 2 || start[0] != '#' || start[1] != '!') {
			return null;
		}
		int end = 2;
		while (end < n && start[end] != '\n') {
			end++;
		}
		return new String(start, 2, end - 2, StandardCharsets.UTF_8).replace("\r", "");
	}

	private static int indexOfWhitespace(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (Character.isWhitespace(s.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
