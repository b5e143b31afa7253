package io.mongoose.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The least a server on the JDK's NIO can do for {@code GET /hello}: one thread, one
 * selector, a new client read at once, a fixed reply written from a direct buffer (no
 * copy through the JDK's temporary buffers), no parsing beyond finding the head's end and
 * the word {@code close}. Not an HTTP server; a measuring stick. Its figures are the
 * floor of what any NIO server pays per request and per connection in the JDK's own code
 * and in the system calls the JDK makes, so a ratio to the C servers that this one cannot
 * reach is out of reach of the design, not of the server's code. Usage:
 * {@code java -cp benchmarks.jar io.mongoose.benchmarks.NioFloorServer PORT}.
 */
public final class NioFloorServer {

	private static final byte[] KEEP_ALIVE = reply("");

	private static final byte[] CLOSE = reply("Connection: close\r\n");

	private final Selector selector;

	private final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);

	private final ByteBuffer keepAlive = direct(KEEP_ALIVE);

	private final ByteBuffer close = direct(CLOSE);

	/**
	 * Closed with their keys registered: closed after the next select deregistered them,
	 * as {@code mongoose-core} does (the JDK's close of a registered socket adds a
	 * {@code getsockopt} and a {@code shutdown}).
	 */
	private final List<SocketChannel> closing = new ArrayList<>();

	private NioFloorServer(Selector selector) {
		this.selector = selector;
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: java -cp benchmarks.jar io.mongoose.benchmarks.NioFloorServer PORT");
			System.exit(2);
		}
		Selector selector = Selector.open();
		ServerSocketChannel listener = ServerSocketChannel.open();
		listener.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
		listener.configureBlocking(false);
		listener.register(selector, SelectionKey.OP_ACCEPT);
		NioFloorServer server = new NioFloorServer(selector);
		while (true) {
			if (server.closing.isEmpty()) {
				selector.select(server::ready);
			}
			else {
				List<SocketChannel> deregistered = new ArrayList<>(server.closing);
				server.closing.clear();
				selector.selectNow(server::ready);
				for (SocketChannel channel : deregistered) {
					channel.close();
				}
			}
		}
	}

	private void ready(SelectionKey key) {
		try {
			if (key.isAcceptable()) {
				SocketChannel client;
				while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
					client.configureBlocking(false);
					if (serve(client)) {
						client.register(this.selector, SelectionKey.OP_READ);
					}
				}
			}
			else if (!serve((SocketChannel) key.channel())) {
				key.cancel();
				this.closing.add((SocketChannel) key.channel());
			}
		}
		catch (IOException ex) {
			key.cancel();
			try {
				key.channel().close();
			}
			catch (IOException ignored) {
				// closed either way
			}
		}
	}

	/** Reads what is there and answers each complete head; false once it closed. */
	private boolean serve(SocketChannel client) throws IOException {
		this.in.clear();
		int n = client.read(this.in);
		if (n < 0) {
			return closeUnlessRegistered(client);
		}
		boolean closing = false;
		int heads = 0;
		for (int i = 3; i < n; i++) {
			byte b = this.in.get(i);
			if (b == 'e' && i >= 4 && this.in.get(i - 1) == 's' && this.in.get(i - 4) == 'c') {
				closing = true; // "close": a Connection: close request (wrk's is the only
								// one)
			}
			else if (b == '\n' && this.in.get(i - 1) == '\r' && this.in.get(i - 2) == '\n') {
				heads++;
			}
		}
		for (int i = 0; i < heads; i++) {
			ByteBuffer reply = closing ? this.close : this.keepAlive;
			reply.rewind();
			client.write(reply);
		}
		return !closing || closeUnlessRegistered(client);
	}

	/**
	 * Closes a socket no selector knows at once; a registered one after the next select.
	 */
	private static boolean closeUnlessRegistered(SocketChannel client) throws IOException {
		if (!client.isRegistered()) {
			client.close();
		}
		return false;
	}

	private static byte[] reply(String extra) {
		return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n" + extra + "\r\nHello, world!")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static ByteBuffer direct(byte[] bytes) {
		return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
	}

}
