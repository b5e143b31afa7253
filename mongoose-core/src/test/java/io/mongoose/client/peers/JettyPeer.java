package io.mongoose.client.peers;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 core (no servlets): {@link PeerScript}'s paths from a {@code Handler} that
 * writes through the asynchronous {@code Response}, and the WebSocket echo on Jetty's
 * core WebSocket server (its frame API, which needs no reflective access to the test
 * classes, unlike Jetty's listener API inside this module).
 */
final class JettyPeer implements WebSocketPeer {

	private final Server server;

	private final ServerConnector connector;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final List<String> frames = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();

	private JettyPeer() throws Exception {
		QueuedThreadPool threads = new QueuedThreadPool(16, 2);
		threads.setName("jetty-peer");
		threads.setDaemon(true);
		this.server = new Server(threads);
		this.connector = new ServerConnector(this.server, 1, 1);
		this.connector.setHost("127.0.0.1");
		this.connector.setPort(0);
		this.server.addConnector(this.connector);
		WebSocketUpgradeHandler webSocket = new WebSocketUpgradeHandler();
		webSocket.getConfiguration().setMaxFrameSize(4 << 20);
		webSocket.addMapping(PeerScript.ECHO, new WebSocketNegotiator.AbstractNegotiator() {
			@Override
			public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response,
					Callback callback) {
				return new Echo();
			}
		});
		webSocket.setHandler(new Http());
		this.server.setHandler(webSocket);
		this.server.start();
	}

	static JettyPeer start() throws Exception {
		return new JettyPeer();
	}

	@Override
	public int port() {
		return this.connector.getLocalPort();
	}

	@Override
	public Set<Integer> clientPorts() {
		return this.clientPorts;
	}

	@Override
	public List<String> frames() {
		return this.frames;
	}

	@Override
	public BlockingQueue<Integer> closeCodes() {
		return this.closeCodes;
	}

	@Override
	public void close() {
		try {
			this.server.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Jetty did not stop", ex);
		}
	}

	private static void text(Response response, String body, Callback callback) {
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
		response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length());
		response.write(true, ByteBuffer.wrap(PeerScript.ascii(body)), callback);
	}

	/** Writes {@code pieces} one after the other, each sent on its own: chunked. */
	private static void writeChunked(Response response, Iterator<byte[]> pieces, Callback callback) {
		if (!pieces.hasNext()) {
			response.write(true, null, callback);
			return;
		}
		response.write(false, ByteBuffer.wrap(pieces.next()),
				Callback.from(() -> writeChunked(response, pieces, callback), callback::failed));
	}

	/**
	 * A frame's payload, copied: the echo outlives the frame, whose buffer Jetty
	 * recycles.
	 */
	private static ByteBuffer copy(ByteBuffer payload) {
		return (payload == null) ? ByteBuffer.allocate(0)
				: ByteBuffer.allocate(payload.remaining()).put(payload.slice()).flip();
	}

	/** The HTTP paths. */
	private final class Http extends Handler.Abstract {

		@Override
		public boolean handle(Request request, Response response, Callback callback) {
			JettyPeer.this.clientPorts.add(Request.getRemotePort(request));
			switch (Request.getPathInContext(request)) {
				case PeerScript.HELLO -> text(response, "hello", callback);
				case PeerScript.CHUNKED ->
					writeChunked(response, PeerScript.CHUNKS.stream().map(PeerScript::ascii).iterator(), callback);
				case PeerScript.BIG -> {
					response.getHeaders().put(HttpHeader.CONTENT_LENGTH, PeerScript.BIG_SIZE);
					response.write(true, ByteBuffer.wrap(PeerScript.big()), callback);
				}
				case PeerScript.BIG_CHUNKED -> writeChunked(response, PeerScript.bigPieces().iterator(), callback);
				case PeerScript.STALL -> {
					// never answered: the callback is not completed
				}
				case PeerScript.STALL_BODY -> {
					response.getHeaders().put(HttpHeader.CONTENT_LENGTH, PeerScript.STALLED_LENGTH);
					response.write(false, ByteBuffer.wrap(PeerScript.ascii(PeerScript.STALLED_PART)), Callback.NOOP);
				}
				case PeerScript.EARLY_HINTS ->
					response.writeInterim(103, HttpFields.build().add(HttpHeader.LINK, "</style.css>; rel=preload"))
						.whenComplete((done, failure) -> {
							if (failure != null) {
								callback.failed(failure);
							}
							else {
								text(response, "hinted", callback);
							}
						});
				default -> {
					return false; // Jetty's 404
				}
			}
			return true;
		}

	}

	/**
	 * The WebSocket echo of one connection, on Jetty's core frame API: one frame at a
	 * time (each asked for with {@code demand}); pings and the client's close are
	 * answered by Jetty when the handler sends no answer of its own.
	 */
	private final class Echo implements FrameHandler {

		private CoreSession session;

		/** The kind of the message whose fragments arrive: continuations have none. */
		private String kind = "text";

		@Override
		public void onOpen(CoreSession session, Callback callback) {
			this.session = session;
			callback.succeeded();
			session.demand();
		}

		@Override
		public void onFrame(Frame frame, Callback callback) {
			byte opcode = frame.getOpCode();
			if (opcode == OpCode.CLOSE) {
				JettyPeer.this.closeCodes.add(CloseStatus.getCloseStatus(frame).getCode());
				callback.succeeded();
				return;
			}
			if (opcode == OpCode.PING) {
				this.session.sendFrame(new Frame(OpCode.PONG, copy(frame.getPayload())), Callback.NOOP, false);
			}
			else if (frame.isDataFrame()) {
				if (opcode != OpCode.CONTINUATION) {
					this.kind = (opcode == OpCode.TEXT) ? "text" : "binary";
				}
				JettyPeer.this.frames.add(this.kind + " fin=" + frame.isFin());
				String[] command = (opcode == OpCode.TEXT && frame.isFin())
						? PeerScript.closeCommand(frame.getPayloadAsUTF8()) : null;
				if (command != null) {
					this.session.close(Integer.parseInt(command[0]), command[1], Callback.NOOP);
				}
				else {
					this.session.sendFrame(new Frame(opcode, frame.isFin(), copy(frame.getPayload())), Callback.NOOP,
							false);
				}
			}
			callback.succeeded();
			this.session.demand();
		}

		@Override
		public void onError(Throwable cause, Callback callback) {
			callback.succeeded();
		}

		@Override
		public void onClosed(CloseStatus status, Callback callback) {
			callback.succeeded();
		}

	}

}
