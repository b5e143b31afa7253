package io.mongoose.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * CGI scripts, bound to {@code mongoose.cgi.*}.
 *
 * @since 0.1.0
 */
public class CgiProperties {

	/**
	 * Glob pattern of the files run as CGI scripts.
	 */
	private String pattern = "**.cgi$|**.pl$|**.php$";

	/**
	 * Interpreter for CGI scripts, instead of the interpreter named by the script.
	 */
	private @Nullable String interpreter;

	/**
	 * Longest time a CGI script may go without producing output before it is killed; 0
	 * disables the limit.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * Maximum number of CGI scripts running at once; a request above it gets 503 with
	 * Retry-After.
	 */
	private int maxProcesses = 8;

	public String getPattern() {
		return this.pattern;
	}

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public @Nullable String getInterpreter() {
		return this.interpreter;
	}

	public void setInterpreter(@Nullable String interpreter) {
		this.interpreter = interpreter;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxProcesses() {
		return this.maxProcesses;
	}

	public void setMaxProcesses(int maxProcesses) {
		this.maxProcesses = maxProcesses;
	}

}
