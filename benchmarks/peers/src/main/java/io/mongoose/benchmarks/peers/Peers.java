package io.mongoose.benchmarks.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts one peer by name, or the fan-out client:
 * {@code java [-Dbench.deflate=true] -jar bench-peers.jar netty|undertow|jetty PORT [STATIC_DIR]}
 * or {@code java -jar bench-peers.jar wsclient --port PORT ...}.
 * <p>
 * Every peer follows one contract: it binds {@code 127.0.0.1:PORT}; {@code GET /hello} is
 * a 200 {@code text/plain} {@code Hello, world!} on a keep-alive connection;
 * {@code /static/NAME} is the file NAME of STATIC_DIR; WebSocket clients connect to
 * {@code /ws} and {@code POST /broadcast} sends its body as one text message to each of
 * them, then answers 200. With {@code -Dbench.deflate=true} the WebSocket upgrade accepts
 * {@code permessage-deflate}.
 */
public final class Peers {

	static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

	private Peers() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length >= 1 && args[0].equals("wsclient")) {
			FanoutClient.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length < 2 || args.length > 3) {
			usage();
		}
		int port = Integer.parseInt(args[1]);
		Path dir = (args.length == 3) ? staticDir(args[2]) : null;
		boolean deflate = Boolean.getBoolean("bench.deflate");
		switch (args[0]) {
			case "netty" -> NettyPeer.run(port, dir, deflate);
			case "undertow" -> UndertowPeer.run(port, dir, deflate);
			case "jetty" -> JettyPeer.run(port, dir, deflate);
			default -> usage();
		}
	}

	static void listening(String name, int port, Path dir, boolean deflate) {
		System.out.println(name + " listening on 127.0.0.1:" + port + ((dir != null) ? ", static " + dir : "")
				+ (deflate ? ", permessage-deflate" : ""));
	}

	/**
	 * The file {@code name} of {@code dir} if it is a regular file inside it, else
	 * {@code null}: a request never leaves the folder.
	 */
	static Path file(Path dir, String name) {
		if (dir == null || name.isEmpty()) {
			return null;
		}
		Path file = dir.resolve(name).normalize();
		return (file.startsWith(dir) && Files.isRegularFile(file)) ? file : null;
	}

	private static Path staticDir(String arg) throws IOException {
		Path dir = Path.of(arg).toRealPath();
		if (!Files.isDirectory(dir)) {
			throw new IOException("not a folder: " + dir);
		}
		return dir;
	}

	private static void usage() {
		System.err
			.println("usage: java [-Dbench.deflate=true] -jar bench-peers.jar netty|undertow|jetty PORT [STATIC_DIR]\n"
					+ "       java -jar bench-peers.jar wsclient --help");
		System.exit(2);
	}

}
