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

import io.mongoose.files.ScriptRunner;
import io.mongoose.files.StaticFiles;
import io.mongoose.http.HttpConnection;

/**
 * CGI/1.1 for files matching {@code cgi_pattern} ({@code c:open_cgi_endpoint}): starts the
 * script in its own directory with the CGI environment — through {@code cgi_interpreter} when
 * set, else through the interpreter of its {@code #!} line (read here rather than left to the
 * kernel), else directly — and bridges the process onto the event loop ({@link CgiProcess}).
 * Every request method reaches the script (5.1 allowed GET, HEAD and POST only). IO thread.
 */
public final class CgiRunner implements ScriptRunner {

	private static final System.Logger log = System.getLogger(CgiRunner.class.getName());

	/** The default of {@code cgi_timeout_ms}. */
	public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

	private final StaticFiles files;

	private String interpreter;

	private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

	/** @param files the pipeline whose document root and {@code auth_domain} the environment reports */
	public CgiRunner(StaticFiles files) {
		this.files = files;
	}

	/** {@code cgi_interpreter}: the program that runs every script; null or empty to use {@code #!} lines. */
	public void setInterpreter(String interpreter) {
		this.interpreter = (interpreter == null || interpreter.isBlank()) ? null : interpreter.trim();
	}

	/** {@code cgi_timeout_ms}: a script silent for this long is killed; 0 = never. */
	public void setTimeoutMillis(long timeoutMillis) {
		this.timeoutMillis = timeoutMillis;
	}

	@Override
	public boolean run(HttpConnection connection, Path script) {
		return run(connection, script, connection.uri(), null);
	}

	@Override
	public boolean run(HttpConnection c, Path script, String scriptName, String pathInfo) {
		Path file = script.toAbsolutePath();
		Process process;
		try {
			List<String> command = command(file, this.interpreter);
			byte[] body = c.content();
			ProcessBuilder builder = new ProcessBuilder(command).directory(file.getParent().toFile());
			Map<String, String> env = builder.environment();
			env.clear();
			env.putAll(CgiEnvironment.build(c, file, scriptName, pathInfo, this.files.digest().realm(),
					this.files.mapper().root(), body.length, c.net().isSecure()));
			process = builder.start();
			CgiProcess running = new CgiProcess(c, process, "CGI " + file, this.timeoutMillis);
			c.continueWith(running);
			running.start(body);
		}
		catch (IOException | RuntimeException ex) {
			log.log(Level.WARNING, "cannot start CGI " + file + ": " + ex);
			c.sendError(500, null);
		}
		return true;
	}

	/**
	 * The command that runs {@code script}: {@code [interpreter, script]}, or
	 * {@code [shebang program, (its argument), script]}, or {@code [script]}. A relative program
	 * path in a {@code #!} line is taken relative to the script's directory.
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
						command.add(argument); // one argument, as the Linux kernel passes it
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
