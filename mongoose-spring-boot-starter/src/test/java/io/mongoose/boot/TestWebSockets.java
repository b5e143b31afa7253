package io.mongoose.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client that records what it receives, for the integration tests.
 */
final class TestWebSockets {

	private TestWebSockets() {
	}

	/**
	 * Connects to {@code ws://127.0.0.1:port + path}; a failed handshake fails the test.
	 */
	static Client connect(int port, String path) {
		Client client = new Client();
		try {
			WebSocket socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(3))
				.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
				.get(5, TimeUnit.SECONDS);
			client.socket = socket;
			return client;
		}
		catch (Exception ex) {
			throw new AssertionError("WebSocket handshake with the server failed", ex);
		}
	}

	static final class Client implements WebSocket.Listener {

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

		private final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.texts.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binaries.add(bytes);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closeCode.completeExceptionally(error);
		}

		String nextText() throws InterruptedException {
			return this.texts.poll(5, TimeUnit.SECONDS);
		}

	}

}
