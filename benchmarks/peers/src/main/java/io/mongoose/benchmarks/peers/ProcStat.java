package io.mongoose.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's memory and CPU time from {@code /proc} (Linux). */
final class ProcStat {

	/** {@code USER_HZ}: the unit of {@code /proc/PID/stat} times on every Linux build. */
	static final int TICKS_PER_SECOND = 100;

	private ProcStat() {
	}

	/**
	 * A {@code kB} line of {@code /proc/PID/status}, such as {@code VmRSS}; -1 if
	 * unknown.
	 */
	static long statusKb(long pid, String field) {
		if (pid <= 0) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process is gone or the kernel spells it differently: unknown
		}
		return -1;
	}

	/**
	 * User plus system CPU time of all the process's threads, in ticks; -1 if unknown.
	 */
	static long cpuTicks(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// fields after the command name, which may hold spaces: state is field 3,
			// utime 14
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
