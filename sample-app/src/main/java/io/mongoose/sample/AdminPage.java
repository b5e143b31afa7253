package io.mongoose.sample;

import tools.jackson.databind.json.JsonMapper;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;

/**
 * {@code /admin/}: live server statistics (digest-protected by {@link AdminSecurity});
 * {@code /admin/stats} is the same as JSON, polled by the page once a second.
 */
@UriHandler("/admin")
class AdminPage implements Handler {

	private static final String PAGE = """
			<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mongoose admin</title>
			<link rel="stylesheet" href="/app.css"></head><body class="page"><h1>Server statistics</h1>
			<table id="stats">
			<tr><th>Connections</th><td id="connections">%d</td></tr>
			<tr><th>WebSockets</th><td id="webSockets">%d</td></tr>
			<tr><th>Requests served</th><td id="requestsServed">%d</td></tr>
			<tr><th>Pushed messages</th><td id="pushedMessages">%d</td></tr>
			<tr><th>Chat users</th><td id="chatUsers">%d</td></tr>
			</table><p><a href="/">Chat</a> · <a href="/actuator/health">Health</a> · <a href="/actuator/metrics">Metrics</a></p>
			<script src="/stats.js"></script></body></html>
			""";

	private final MongooseWebServer webServer;

	private final ConnectionBroadcaster broadcaster;

	private final RequestCounter requests;

	private final ChatRoom room;

	private final JsonMapper json;

	AdminPage(MongooseWebServer webServer, ConnectionBroadcaster broadcaster, RequestCounter requests, ChatRoom room,
			JsonMapper json) {
		this.webServer = webServer;
		this.broadcaster = broadcaster;
		this.requests = requests;
		this.room = room;
		this.json = json;
	}

	@Override
	public Result handle(Connection c) {
		Stats stats = new Stats(this.webServer.getConnectionCount(), this.webServer.getWebSocketCount(),
				this.requests.served(), this.broadcaster.getReachedCount(), this.room.users());
		switch (c.uri()) {
			case "/admin", "/admin/" -> c.sendReply(200, "text/html; charset=utf-8", PAGE.formatted(stats.connections(),
					stats.webSockets(), stats.requestsServed(), stats.pushedMessages(), stats.chatUsers()));
			case "/admin/stats" -> c.sendReply(200, "application/json", this.json.writeValueAsString(stats));
			default -> c.sendReply(404, "text/plain", "Not Found");
		}
		return Result.DONE;
	}

	/**
	 * What the admin page shows.
	 *
	 * @param connections open connections, WebSockets included
	 * @param webSockets open WebSockets
	 * @param requestsServed HTTP requests answered since start
	 * @param pushedMessages WebSocket messages queued by the broadcaster since start
	 * @param chatUsers clients in the chat
	 */
	record Stats(int connections, int webSockets, long requestsServed, long pushedMessages, int chatUsers) {
	}

}
