package io.mongoose.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Import;

import io.mongoose.BroadcastResult;
import io.mongoose.boot.autoconfigure.health.MongooseHealthIndicator;
import io.mongoose.boot.test.LocalMongoosePort;
import io.mongoose.boot.testapp.TestApplication;
import io.mongoose.test.WebSocketRecorder;

/**
 * The auto-configured server on an ephemeral port, talked to over real sockets.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "mongoose.listening-port=127.0.0.1:0", "mongoose.threads=2" })
@Import(MongooseServerIntegrationTests.EventRecorder.class)
class MongooseServerIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalMongoosePort
	int port;

	@Autowired
	MongooseWebServer webServer;

	@Autowired
	ConnectionBroadcaster broadcaster;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	MongooseHealthIndicator healthIndicator;

	@Autowired
	EventRecorder events;

	@Test
	void portIsPublishedAsPropertyAndEvent() {
		assertThat(this.port).isPositive().isEqualTo(this.webServer.getPort());
		assertThat(this.events.port).isEqualTo(this.port);
	}

	@Test
	void scannedHandlerBeansAreNamedAfterTheirClass(
			@Autowired io.mongoose.boot.autoconfigure.UriHandlerRegistrar registrar) {
		assertThat(registrar.getRoutes()).containsEntry("/hello", "testApplication.HelloHandler")
			.containsEntry("/slow", "testApplication.SlowHandler")
			.containsEntry("/ws", "testApplication.EchoWebSocketHandler");
	}

	@Test
	void handlerBeansAnswer() throws Exception {
		HttpResponse<String> response = get("/hello/world");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Hello, /hello/world");
	}

	@Test
	void errorHandlerBeanAnswersErrors() throws Exception {
		HttpResponse<String> response = get("/nothing/here");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("custom 404");
	}

	@Test
	void requestsAreTimedWithBootTags() throws Exception {
		get("/hello/metrics");
		get("/hello/metrics");
		assertThat(this.meterRegistry.get("http.server.requests")
			.tags("method", "GET", "uri", "/hello", "status", "200", "outcome", "SUCCESS", "exception", "none")
			.timer()
			.count()).isGreaterThanOrEqualTo(2);
		assertThat(this.meterRegistry.get("mongoose.connections.active").gauge()).isNotNull();
		assertThat(this.meterRegistry.get("mongoose.push.dropped").functionCounter()).isNotNull();
	}

	@Test
	void healthIsUpWithDetails() {
		var health = this.healthIndicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("port", this.port).containsEntry("threads", 2);
	}

	@Test
	void broadcasterReachesJdkWebSocketClients() throws Exception {
		WebSocketRecorder a = WebSocketRecorder.connect(this.port, "/ws/a");
		WebSocketRecorder b = WebSocketRecorder.connect(this.port, "/ws/b");
		try {
			BroadcastResult all = sendUntilReached(2);
			assertThat(all.reached()).isEqualTo(2);
			assertThat(a.nextText()).isEqualTo("to all");
			assertThat(b.nextText()).isEqualTo("to all");

			BroadcastResult underA = this.broadcaster.under("/ws/a").sendText("to a").get(5, TimeUnit.SECONDS);
			assertThat(underA.reached()).isEqualTo(1);
			assertThat(a.nextText()).isEqualTo("to a");

			BroadcastResult matching = this.broadcaster.matching((c) -> c.uri().endsWith("/b"))
				.sendJson(Map.of("to", "b"))
				.get(5, TimeUnit.SECONDS);
			assertThat(matching.reached()).isEqualTo(1);
			assertThat(b.nextText()).isEqualTo("{\"to\":\"b\"}");

			this.broadcaster.sendBinary("bytes".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
			assertThat(new String(a.nextBinary(), StandardCharsets.UTF_8)).isEqualTo("bytes");
			assertThat(a.texts()).isEmpty();
			assertThat(this.broadcaster.getReachedCount()).isGreaterThanOrEqualTo(6);
		}
		finally {
			a.socket().abort();
			b.socket().abort();
		}
	}

	private BroadcastResult sendUntilReached(int expected) throws Exception {
		BroadcastResult result = null;
		for (int i = 0; i < 50; i++) {
			result = this.broadcaster.sendText("to all").get(5, TimeUnit.SECONDS);
			if (result.reached() >= expected) {
				return result;
			}
			Thread.sleep(20);
		}
		return result;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static class EventRecorder implements ApplicationListener<MongooseServerStartedEvent> {

		volatile int port;

		@Override
		public void onApplicationEvent(MongooseServerStartedEvent event) {
			this.port = event.getPort();
		}

	}

}
