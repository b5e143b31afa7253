package io.mongoose.benchmarks.peers;

/** The fan-out client's command line. */
final class Settings {

	String host = "127.0.0.1";

	int port;

	String path = "/ws";

	int conns = 1000;

	long pid;

	boolean deflate;

	boolean warmup = true;

	int broadcasts = 200;

	int burst = 200;

	int inFlight = 200;

	int timeoutSeconds = 60;

	long settleMillis = 2000;

	boolean header;

	private Settings() {
	}

	int timeoutMillis() {
		return this.timeoutSeconds * 1000;
	}

	static Settings parse(String[] args) {
		Settings s = new Settings();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--host" -> s.host = value(args, ++i, arg);
				case "--port" -> s.port = Integer.parseInt(value(args, ++i, arg));
				case "--path" -> s.path = value(args, ++i, arg);
				case "--conns" -> s.conns = Integer.parseInt(value(args, ++i, arg));
				case "--pid" -> s.pid = Long.parseLong(value(args, ++i, arg));
				case "--broadcasts" -> s.broadcasts = Integer.parseInt(value(args, ++i, arg));
				case "--burst" -> s.burst = Integer.parseInt(value(args, ++i, arg));
				case "--in-flight" -> s.inFlight = Integer.parseInt(value(args, ++i, arg));
				case "--timeout-s" -> s.timeoutSeconds = Integer.parseInt(value(args, ++i, arg));
				case "--settle-s" -> s.settleMillis = Math.round(Double.parseDouble(value(args, ++i, arg)) * 1000);
				case "--deflate" -> s.deflate = true;
				case "--no-warmup" -> s.warmup = false;
				case "--header" -> s.header = true;
				case "-h", "--help" -> usage(null);
				default -> usage("unknown argument: " + arg);
			}
		}
		if (!s.header && s.port <= 0) {
			usage("--port is required");
		}
		return s;
	}

	private static String value(String[] args, int i, String name) {
		if (i >= args.length) {
			usage(name + " needs a value");
		}
		return args[i];
	}

	/**
	 * Prints the usage, after the problem if there is one, and exits (2 for a problem).
	 */
	private static void usage(String problem) {
		if (problem != null) {
			System.err.println("wsclient: " + problem);
		}
		System.err.println("usage: java -jar bench-peers.jar wsclient --port PORT [--conns N] [--pid SERVER_PID]"
				+ " [--deflate] [--broadcasts N] [--burst N] [--in-flight N] [--timeout-s S] [--settle-s S]"
				+ " [--no-warmup] [--host H] [--path /ws] | --header");
		System.exit((problem != null) ? 2 : 0);
	}

}
