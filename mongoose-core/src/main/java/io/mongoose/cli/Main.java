package io.mongoose.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.mongoose.OptionException;
import io.mongoose.PasswordsFile;
import io.mongoose.PortBindException;
import io.mongoose.Server;

/**
 * The stand-alone server, like the original's {@code mongoose} binary: <pre>
 * java -jar mongoose-core.jar [config_file] [-option value ...]
 * java -jar mongoose-core.jar -A passwords_file realm user password
 * </pre>
 */
public final class Main {

	private static final String USAGE = """
			Usage: java -jar mongoose-core.jar [config_file] [-option value ...]
			       java -jar mongoose-core.jar -A <passwords_file> <realm> <user> <password>
			Options: %s""";

	private Main() {
	}

	public static void main(String[] args) {
		AtomicBoolean stop = new AtomicBoolean();
		Thread main = Thread.currentThread();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stop.set(true);
			try {
				main.join(3000);
			}
			catch (InterruptedException ignored) {
				Thread.currentThread().interrupt();
			}
		}));
		int code = run(args, System.out, System.err, stop);
		if (code != 0) {
			System.exit(code);
		}
	}

	/**
	 * Runs until {@code stop} is set.
	 * @return the exit code: 0 after a clean stop, 1 when an option is refused, 2 on bad
	 * usage, 3 when the IO thread failed
	 */
	static int run(String[] args, PrintStream out, PrintStream err, AtomicBoolean stop) {
		if (args.length > 0 && args[0].equals("-A")) {
			return editPasswords(args, out, err);
		}
		Map<String, String> options;
		try {
			options = LauncherConfig.parse(args);
		}
		catch (IllegalArgumentException | IOException ex) {
			err.println("mongoose: " + ex.getMessage());
			err.println(USAGE.formatted(String.join(", ", Server.validOptionNames().keySet())));
			return 2;
		}
		Server server = Server.create(null);
		try {
			server.setOptions(options);
		}
		catch (OptionException | PortBindException ex) {
			String name = (ex instanceof OptionException refused) ? refused.option() : "listening_port";
			err.println("mongoose: cannot set " + name + " to '" + options.get(name) + "': " + ex.getMessage());
			server.destroy();
			return 1;
		}
		out.println("Mongoose web server serving " + options.get("document_root") + " on " + url(server));
		out.flush();
		server.start();
		while (!stop.get() && !server.isDestroyed()) {
			LockSupport.parkNanos(200_000_000L); // the IO thread serves; this one waits
													// for the stop
		}
		boolean loopFailed = !stop.get(); // the IO thread ended by itself: it logged why
		server.close();
		return loopFailed ? 3 : 0;
	}

	/**
	 * Every URL the server answers on: {@code http://…/} and {@code https://…/}, in port
	 * order.
	 */
	private static String url(Server server) {
		java.util.List<String> urls = new java.util.ArrayList<>();
		for (Server.ListeningPort port : server.getListeningPorts()) {
			InetSocketAddress address = port.address();
			String host = address.getAddress().isAnyLocalAddress() ? "localhost"
					: address.getAddress().getHostAddress();
			urls.add(port.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port.port() + "/");
		}
		return String.join(", ", urls);
	}

	private static int editPasswords(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 5) {
			err.println("Usage: java -jar mongoose-core.jar -A <passwords_file> <realm> <user> <password>");
			return 2;
		}
		if (!PasswordsFile.modify(Path.of(args[1]), args[2], args[3], args[4])) {
			err.println("mongoose: cannot update " + args[1]);
			return 1;
		}
		out.println("Updated " + args[1] + ": user '" + args[3] + "' in realm '" + args[2] + "'");
		return 0;
	}

}
