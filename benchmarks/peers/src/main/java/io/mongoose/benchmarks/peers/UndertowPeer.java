package io.mongoose.benchmarks.peers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;

/**
 * Undertow core 2.3 with its defaults (XNIO IO threads, the worker pool): a
 * {@code PathHandler} whose {@code /hello} is answered on the IO thread, a
 * {@code ResourceHandler} on a {@code PathResourceManager} (files above 1 KiB by
 * {@code transferTo}, sendfile) and the WebSocket handshake handler, whose peer set
 * {@code POST /broadcast} sends to.
 */
final class UndertowPeer {

	private static final String HELLO = new String(Peers.HELLO, StandardCharsets.US_ASCII);

	private UndertowPeer() {
	}

	static void run(int port, Path dir, boolean deflate) {
		WebSocketProtocolHandshakeHandler ws = Handlers.websocket((exchange, channel) -> {
			// reading lets Undertow see the close and drop the channel from the peer set
			channel.getReceiveSetter().set(new AbstractReceiveListener() {
			});
			channel.resumeReceives();
		});
		if (deflate) {
			ws.addExtension(new PerMessageDeflateHandshake());
		}
		PathHandler paths = Handlers.path().addExactPath("/hello", exchange -> {
			exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
			exchange.getResponseSender().send(HELLO);
		}).addExactPath("/ws", ws).addExactPath("/broadcast", exchange -> {
			if (!exchange.getRequestMethod().equals(Methods.POST)) {
				exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
				exchange.endExchange();
				return;
			}
			exchange.getRequestReceiver().receiveFullString((done, text) -> {
				for (WebSocketChannel channel : ws.getPeerConnections()) {
					WebSockets.sendText(text, channel, null);
				}
				done.endExchange();
			}, StandardCharsets.UTF_8);
		});
		if (dir != null) {
			paths.addPrefixPath("/static", Handlers.resource(new PathResourceManager(dir)));
		}
		Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(paths).build().start();
		Peers.listening("undertow", port, dir, deflate);
	}

}
