package io.mongoose.ws;

import io.mongoose.Handler;
import io.mongoose.Server;
import io.mongoose.WebSocketHandler;

/**
 * A WebSocket echo server for conformance suites ({@code conformance/autobahn/run.sh}):
 * {@code /echo} sends every text and binary message back unchanged, with the server's
 * defaults (permessage-deflate accepted), whole-message delivery and a 64 MiB send queue
 * (the default 8 MiB cannot hold the 16 MiB echoes of Autobahn's 9.*).
 * <p>
 * Usage: {@code EchoServer [PORT [name=value ...]]}; port 0 (the default) picks a free
 * one. Prints {@code listening on PORT} once it accepts, then polls until killed.
 */
public final class EchoServer {

	private EchoServer() {
	}

	public static void main(String[] args) {
		Server server = Server.create(null);
		set(server, "listening_port", "127.0.0.1:" + ((args.length > 0) ? args[0] : "0"));
		set(server, "websocket_whole_messages", "yes");
		set(server, "websocket_ping_interval_ms", "0");
		set(server, "send_queue_limit", Long.toString(64L << 20));
		for (int i = 1; i < args.length; i++) {
			int eq = args[i].indexOf('=');
			set(server, args[i].substring(0, Math.max(0, eq)), args[i].substring(eq + 1));
		}
		server.addUriHandler("/echo", WebSocketHandler.of((c) -> {
			c.websocketWrite(c.wsBits() & WebSocketOpcodes.MASK_OPCODE, c.content());
			return Handler.Result.DONE;
		}));
		System.out.println("listening on " + server.getLocalPort());
		System.out.flush();
		while (true) {
			server.poll(1000);
		}
	}

	private static void set(Server server, String name, String value) {
		String error = server.setOption(name, value);
		if (error != null) {
			throw new IllegalArgumentException(error);
		}
	}

}
