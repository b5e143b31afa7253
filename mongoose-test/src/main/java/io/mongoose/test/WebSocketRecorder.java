package io.mongoose.test;

import java.io.ByteArrayOutputStream;
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
 * A JDK {@link WebSocket} client that records what it receives: whole text and binary
 * messages in arrival order, and the close code and reason (or the error) the connection
 * ended with. Every wait is bounded.
 */
public final class WebSocketRecorder implements WebSocket.Listener {

	private static final long WAIT_SECONDS = 5;

	private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partialText = new StringBuilder();

	private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

	private volatile WebSocket socket;

	private volatile String closeReason;

	/**
	 * Connects to {@code ws://127.0.0.1:port + path}; a failed handshake is an
	 * {@link AssertionError} carrying the cause.
	 */
	public static WebSocketRecorder connect(int port, String path) {
		return connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + path));
	}

	/** Connects with the given client (for TLS, an origin header, ...) to {@code uri}. */
	public static WebSocketRecorder connect(HttpClient client, URI uri) {
		return connect(client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS)), uri);
	}

	/** Connects with a builder the caller prepared (headers, subprotocols). */
	public static WebSocketRecorder connect(WebSocket.Builder builder, URI uri) {
		WebSocketRecorder recorder = new WebSocketRecorder();
		try {
			recorder.socket = builder.buildAsync(uri, recorder).get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
			return recorder;
		}
		catch (Exception ex) {
			throw new AssertionError("WebSocket handshake with " + uri + " failed", ex);
		}
	}

	/** The JDK socket, to send with. */
	public WebSocket socket() {
		return this.socket;
	}

	/** The next whole text message, or null after five seconds without one. */
	public String nextText() throws InterruptedException {
		return this.texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/** The next whole binary message, or null after five seconds without one. */
	public byte[] nextBinary() throws InterruptedException {
		return this.binaries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/** Text messages received and not yet taken, without waiting. */
	public BlockingQueue<String> texts() {
		return this.texts;
	}

	/** Binary messages received and not yet taken, without waiting. */
	public BlockingQueue<byte[]> binaries() {
		return this.binaries;
	}

	/**
	 * Completes with the peer's close code, or exceptionally with the connection's error.
	 */
	public CompletableFuture<Integer> closeCode() {
		return this.closeCode;
	}

	/** The reason the peer gave with its close, once {@link #closeCode()} completed. */
	public String closeReason() {
		return this.closeReason;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partialText.append(data);
		if (last) {
			this.texts.add(this.partialText.toString());
			this.partialText.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.partialBinary.writeBytes(bytes);
		if (last) {
			this.binaries.add(this.partialBinary.toByteArray());
			this.partialBinary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.completeExceptionally(error);
	}

}
