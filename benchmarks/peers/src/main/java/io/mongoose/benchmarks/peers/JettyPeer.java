package io.mongoose.benchmarks.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12.1 core handlers (no servlets) with the default {@code QueuedThreadPool}: a
 * {@code /static} context with a {@code ResourceHandler}, and a root context whose
 * {@code WebSocketUpgradeHandler} takes {@code /ws} and passes the rest to a non-blocking
 * handler for {@code /hello} and {@code /broadcast}. Jetty offers
 * {@code permessage-deflate} by itself; without {@code bench.deflate} the upgrade drops
 * it.
 */
final class JettyPeer {

	private JettyPeer() {
	}

	static void run(int port, Path dir, boolean deflate) throws Exception {
		Server server = new Server();
		ServerConnector connector = new ServerConnector(server);
		connector.setHost("127.0.0.1");
		connector.setPort(port);
		server.addConnector(connector);

		Set<Session> sessions = ConcurrentHashMap.newKeySet();
		ContextHandler root = new ContextHandler("/");
		WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, root, container -> {
			container.addSessionListener(new WebSocketSessionListener() {
				@Override
				public void onWebSocketSessionOpened(Session session) {
					sessions.add(session);
				}

				@Override
				public void onWebSocketSessionClosed(Session session) {
					sessions.remove(session);
				}
			});
			container.addMapping("/ws", (request, response, callback) -> {
				if (!deflate) {
					response.setExtensions(List.of());
				}
				return new Session.Listener.AutoDemanding() {
				};
			});
		});
		ws.setHandler(new Routes(sessions));
		root.setHandler(ws);

		ContextHandlerCollection contexts = new ContextHandlerCollection();
		if (dir != null) {
			ResourceHandler files = new ResourceHandler();
			files.setBaseResource(ResourceFactory.of(server).newResource(dir));
			files.setDirAllowed(false);
			contexts.addHandler(new ContextHandler(files, "/static"));
		}
		contexts.addHandler(root);
		server.setHandler(contexts);
		server.start();
		Peers.listening("jetty", port, dir, deflate);
		server.join();
	}

	/** {@code /hello} and {@code POST /broadcast}; the rest is a 404. */
	private static final class Routes extends Handler.Abstract.NonBlocking {

		private final Set<Session> sessions;

		Routes(Set<Session> sessions) {
			this.sessions = sessions;
		}

		@Override
		public boolean handle(Request request, Response response, Callback callback) {
			String path = Request.getPathInContext(request);
			if (path.equals("/hello")) {
				response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
				response.write(true, ByteBuffer.wrap(Peers.HELLO), callback);
				return true;
			}
			if (path.equals("/broadcast") && request.getMethod().equals("POST")) {
				Content.Source.asString(request, StandardCharsets.UTF_8, Promise.from(text -> {
					for (Session session : this.sessions) {
						session.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
					}
					response.setStatus(HttpStatus.OK_200);
					response.write(true, null, callback);
				}, failure -> Response.writeError(request, response, callback, failure)));
				return true;
			}
			Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
			return true;
		}

	}

}
