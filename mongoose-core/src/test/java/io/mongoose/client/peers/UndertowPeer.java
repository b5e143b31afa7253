package io.mongoose.client.peers;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Undertow 2.3 (XNIO): {@link PeerScript}'s paths from a handler that runs on a worker
 * thread and writes through the blocking output stream (flushed per piece, so chunked
 * when no length is set); HEAD bodies are dropped by Undertow itself. No 1xx and no
 * WebSocket echo here.
 */
final class UndertowPeer implements Peer {

	/** Held requests wait at most this long, so a worker never blocks for good. */
	private static final long HOLD_SECONDS = 60;

	private final Undertow server;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	/** Opened at close: held requests return. */
	private final CountDownLatch stopping = new CountDownLatch(1);

	private UndertowPeer() {
		this.server = Undertow.builder()
			.addHttpListener(0, "127.0.0.1")
			.setIoThreads(1)
			.setWorkerThreads(8)
			.setHandler(this::handle)
			.build();
		this.server.start();
	}

	static UndertowPeer start() {
		return new UndertowPeer();
	}

	@Override
	public int port() {
		return ((InetSocketAddress) this.server.getListenerInfo().get(0).getAddress()).getPort();
	}

	@Override
	public Set<Integer> clientPorts() {
		return this.clientPorts;
	}

	@Override
	public void close() {
		this.stopping.countDown();
		this.server.stop();
	}

	private void handle(HttpServerExchange exchange) throws Exception {
		if (exchange.isInIoThread()) {
			exchange.dispatch(this::handle); // blocking writes belong on a worker
			return;
		}
		this.clientPorts.add(exchange.getSourceAddress().getPort());
		exchange.startBlocking();
		OutputStream out = exchange.getOutputStream();
		switch (exchange.getRequestPath()) {
			case PeerScript.HELLO -> {
				exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
				exchange.setResponseContentLength(5);
				out.write(PeerScript.ascii("hello"));
			}
			case PeerScript.CHUNKED -> {
				for (String piece : PeerScript.CHUNKS) {
					out.write(PeerScript.ascii(piece));
					out.flush();
				}
			}
			case PeerScript.BIG -> {
				exchange.setResponseContentLength(PeerScript.BIG_SIZE);
				out.write(PeerScript.big());
			}
			case PeerScript.BIG_CHUNKED -> {
				for (byte[] piece : PeerScript.bigPieces()) {
					out.write(piece);
					out.flush();
				}
			}
			case PeerScript.STALL -> hold();
			case PeerScript.STALL_BODY -> {
				exchange.setResponseContentLength(PeerScript.STALLED_LENGTH);
				out.write(PeerScript.ascii(PeerScript.STALLED_PART));
				out.flush();
				hold();
			}
			default -> exchange.setStatusCode(404);
		}
	}

	/** Holds the request until the peer closes. */
	private void hold() throws InterruptedException {
		if (!this.stopping.await(HOLD_SECONDS, TimeUnit.SECONDS)) {
			throw new IllegalStateException("a held request outlived its test");
		}
	}

}
