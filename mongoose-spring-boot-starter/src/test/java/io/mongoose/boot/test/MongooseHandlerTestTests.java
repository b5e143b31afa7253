package io.mongoose.boot.test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.DirectClient;
import io.mongoose.DirectWebSocket;
import io.mongoose.Server;
import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MongooseHandlerTest}: the application's handlers, error pages and IO thread
 * without a port, reached through the {@link DirectClient} bean, from the configuration
 * {@code classes} names. What the slice leaves out: {@code io.mongoose.boot.sliceapp}.
 */
// closed after the class: other tests count the IO threads of the JVM
@DirtiesContext
@MongooseHandlerTest(classes = TestApplication.class,
		properties = { "mongoose.listening-port=0", "mongoose.extra-headers[X-Slice]=on" })
class MongooseHandlerTestTests {

	@Autowired
	DirectClient client;

	@Autowired
	MongooseWebServer webServer;

	@Autowired
	Server server;

	@Value("${mongoose.listen}")
	boolean listen;

	@Test
	void handlersAreServedInMemoryWithoutAPort() {
		DirectClient.Response hello = this.client.get("/hello");
		assertThat(hello.status()).isEqualTo(200);
		assertThat(hello.text()).isEqualTo("Hello, /hello");
		assertThat(this.webServer.getPort()).isEqualTo(-1);
		assertThat(this.server.getListeningPorts()).isEmpty();
		assertThat(this.listen).isFalse();
	}

	@Test
	void aPropertyOfTheAnnotationApplies() {
		assertThat(this.client.get("/hello").header("X-Slice")).isEqualTo("on");
	}

	@Test
	void theApplicationsErrorHandlerAnswersAsOverASocket() {
		DirectClient.Response missing = this.client.get("/nothing-here");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.text()).isEqualTo("custom 404");
		DirectClient.Response malformed = this.client.send("GET /hello HTTP/1.1\r\nHost: a\r\nNo colon\r\n\r\n");
		assertThat(malformed.status()).isEqualTo(400);
	}

	@Test
	void aHandlerAnsweringOverManyPollsCompletesOnTheIoThread() {
		DirectClient.Response slow = this.client.request("GET", "/slow", Map.of("X-Test", "direct"), (byte[]) null);
		assertThat(slow.status()).isEqualTo(200);
		assertThat(slow.text()).isEqualTo("slow done");
	}

	@Test
	void aWebSocketHandlerAnswersInMemoryAndTheBroadcasterReachesIt(@Autowired ConnectionBroadcaster broadcaster)
			throws Exception {
		try (DirectWebSocket socket = this.client.webSocket("/ws")) {
			socket.sendText("echo me");
			assertThat(socket.nextText()).isEqualTo("echo me");
			assertThat(broadcaster.under("/ws")
				.sendText("to all")
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS)
				.reached()).isOne();
			assertThat(socket.nextText()).isEqualTo("to all");
		}
	}

}
