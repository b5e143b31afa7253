package io.mongoose.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N client connections from its own process (so the server's process and this one
 * each stay under the file-descriptor limit), sends a request on every tenth, prints
 * {@code OPEN n}, then holds them until a line arrives on stdin.
 * <p>
 * {@code java io.mongoose.reliability.ConnectionHog PORT N}
 */
public final class ConnectionHog {

	private ConnectionHog() {
	}

	public static void main(String[] args) throws Exception {
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
		int n = Integer.parseInt(args[1]);
		byte[] request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		List<SocketChannel> clients = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			SocketChannel client = SocketChannel.open(address);
			if (i % 10 == 0) {
				client.write(ByteBuffer.wrap(request));
			}
			clients.add(client);
		}
		ByteBuffer reply = ByteBuffer.allocate(256);
		clients.get(0).read(reply);
		String first = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
		System.out.println("OPEN " + clients.size() + " " + first.lines().findFirst().orElse(""));
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
		for (SocketChannel client : clients) {
			client.close();
		}
	}

}
