package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mongoose.RunningServer;

/** Happy paths with the JDK's own WebSocket client against the whole-message echo. */
class WebSocketJdkClientTest {

	private static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = WsTestKit.messageEchoServer();
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	/** Collects whole messages (joining partial deliveries) and the close. */
	static final class Collector implements WebSocket.Listener {

		final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final CompletableFuture<String> closed = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			ws.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
			byte[] b = new byte[data.remaining()];
			data.get(b);
			this.binary.writeBytes(b);
			if (last) {
				this.messages.add(this.binary.toByteArray());
				this.binary.reset();
			}
			ws.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
			this.closed.complete(statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket ws, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		Object next() throws InterruptedException {
			Object m = this.messages.poll(5, TimeUnit.SECONDS);
			assertThat(m).as("message within 5 s").isNotNull();
			return m;
		}

	}

	private static WebSocket connect(Collector collector) {
		return HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), collector)
			.join();
	}

	@Test
	void textAndBinaryMessagesAreEchoed() throws Exception {
		Collector collector = new Collector();
		WebSocket ws = connect(collector);
		ws.sendText("héllo wörld ✓", true).join();
		assertThat(collector.next()).isEqualTo("héllo wörld ✓");
		byte[] data = WsTestKit.bytes(70_000);
		ws.sendBinary(ByteBuffer.wrap(data), true).join();
		assertThat((byte[]) collector.next()).isEqualTo(data);
		ws.sendClose(1000, "done").join();
		assertThat(collector.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1000 ");
	}

	@Test
	void fragmentedSendArrivesAsOneMessage() throws Exception {
		Collector collector = new Collector();
		WebSocket ws = connect(collector);
		ws.sendText("part one, ", false).join();
		ws.sendPing(ByteBuffer.wrap(new byte[] { 1, 2, 3 })).join();
		ws.sendText("part two, ", false).join();
		ws.sendText("end", true).join();
		assertThat(collector.next()).isEqualTo("part one, part two, end");
		ws.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false).join();
		ws.sendBinary(ByteBuffer.wrap(new byte[] { 3 }), true).join();
		assertThat((byte[]) collector.next()).containsExactly(1, 2, 3);
		ws.sendClose(1001, "going").join();
		assertThat(collector.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 ");
	}

	@Test
	void closeStartedByTheServerReachesTheClient() throws Exception {
		Collector collector = new Collector();
		try (RunningServer s = WsTestKit
			.server(srv -> srv.addUriHandler("/bye", WsTestKit.ws(c -> io.mongoose.Handler.Result.CLOSE)))) {
			WebSocket ws = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + s.port() + "/bye"), collector)
				.join();
			ws.sendText("close please", true).join();
			assertThat(collector.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1000 ");
		}
	}

}
