package io.mongoose;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one core logger publishes while this is open: for tests whose subject is a
 * log line (a warning the server promises), never to wait for something else to happen.
 */
public final class LogLines extends Handler implements AutoCloseable {

	private final Logger logger;

	private final List<LogRecord> records = new ArrayList<>();

	private LogLines(Logger logger) {
		this.logger = logger;
	}

	/**
	 * Starts capturing the records of {@code loggerName}, for example
	 * {@code "io.mongoose.net.LoopWatchdog"}.
	 */
	public static LogLines of(String loggerName) {
		LogLines lines = new LogLines(Logger.getLogger(loggerName));
		lines.logger.addHandler(lines);
		return lines;
	}

	/** The messages so far at {@code level} or above. */
	public synchronized List<String> messages(Level level) {
		List<String> messages = new ArrayList<>();
		for (LogRecord record : this.records) {
			if (record.getLevel().intValue() >= level.intValue()) {
				messages.add(record.getMessage());
			}
		}
		return messages;
	}

	/** All messages so far. */
	public List<String> messages() {
		return messages(Level.ALL);
	}

	@Override
	public synchronized void publish(LogRecord record) {
		this.records.add(record);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.logger.removeHandler(this);
	}

}
