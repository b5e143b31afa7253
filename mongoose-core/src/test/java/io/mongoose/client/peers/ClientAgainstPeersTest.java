package io.mongoose.client.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mongoose.Client;
import io.mongoose.ClientRequest;
import io.mongoose.ClientResponse;
import io.mongoose.ClientWebSocket;
import io.mongoose.RunningServer;
import io.mongoose.test.TestCertificates;

/**
 * {@link Client} against other servers over loopback: Netty, Jetty and Undertow serve
 * {@link PeerScript}'s paths (keep-alive, chunked, HEAD, 1xx, oversized and stalled
 * replies, close-delimited), Netty and Jetty echo WebSockets, and Netty listens with TLS.
 * Each test starts its own peer on port 0.
 */
class ClientAgainstPeersTest {

	private static final long WAIT_SECONDS = 20;

	private static final String NETTY = "Netty 4.2";

	private static final String JETTY = "Jetty 12.1";

	private static final String UNDERTOW = "Undertow 2.3";

	@TempDir
	static Path dir;

	/** The server whose IO thread runs the client. */
	private static RunningServer loop;

	@BeforeAll
	static void start() throws Exception {
		loop = RunningServer.start((s) -> {
		});
	}

	@AfterAll
	static void stop() throws Exception {
		loop.close();
	}

	static Stream<Named<Peer.Starter<Peer>>> httpPeers() {
		return Stream.of(Named.of(NETTY, NettyPeer::start), Named.of(JETTY, JettyPeer::start),
				Named.of(UNDERTOW, UndertowPeer::start));
	}

	/** The peers that can send a {@code 103 Early Hints} of their own accord. */
	static Stream<Named<Peer.Starter<Peer>>> interimPeers() {
		return Stream.of(Named.of(NETTY, NettyPeer::start), Named.of(JETTY, JettyPeer::start));
	}

	static Stream<Named<Peer.Starter<WebSocketPeer>>> webSocketPeers() {
		return Stream.of(Named.of(NETTY, NettyPeer::start), Named.of(JETTY, JettyPeer::start));
	}

	private static <T> T await(CompletionStage<T> stage) throws Exception {
		return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static Throwable failure(CompletionStage<?> stage) throws Exception {
		try {
			stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the stage completed normally");
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void keptAliveConnectionIsReused(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.create(loop.server());
			for (int i = 0; i < 5; i++) {
				ClientResponse response = await(client.get(peer.url(PeerScript.HELLO + "?n=" + i)));
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.bodyAsString()).isEqualTo("hello");
			}
			assertThat(await(client.get(peer.url(PeerScript.CHUNKED))).bodyAsString()).isEqualTo("first,second,third");
			assertThat(peer.clientPorts()).as("connections the peer saw for 6 requests").hasSize(1);
		}
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void chunkedResponsesAreDechunked(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.create(loop.server());
			ClientResponse small = await(client.get(peer.url(PeerScript.CHUNKED)));
			assertThat(small.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
			assertThat(small.bodyAsString()).isEqualTo("first,second,third");
			ClientResponse big = await(client.get(peer.url(PeerScript.BIG_CHUNKED)));
			assertThat(big.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
			assertThat(big.body()).isEqualTo(PeerScript.big());
			assertThat(peer.clientPorts()).hasSize(1);
		}
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void headHasNoBodyAndTheConnectionServesOn(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.create(loop.server());
			ClientResponse head = await(
					client.send(ClientRequest.builder(peer.url(PeerScript.HELLO)).method("HEAD").build()));
			assertThat(head.status()).isEqualTo(200);
			assertThat(head.header("Content-Length")).isEqualTo("5");
			assertThat(head.body()).isEmpty();
			assertThat(await(client.get(peer.url(PeerScript.HELLO))).bodyAsString()).isEqualTo("hello");
			assertThat(peer.clientPorts()).hasSize(1);
		}
	}

	@ParameterizedTest
	@MethodSource("interimPeers")
	void earlyHintsAreSkipped(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.create(loop.server());
			ClientResponse response = await(client.get(peer.url(PeerScript.EARLY_HINTS)));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("Link")).as("the 103's header is not the answer's").isNull();
			assertThat(response.bodyAsString()).isEqualTo("hinted");
			assertThat(await(client.get(peer.url(PeerScript.HELLO))).bodyAsString()).isEqualTo("hello");
			assertThat(peer.clientPorts()).hasSize(1);
		}
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void repliesOverTheBodyLimitFailAndTheirConnectionIsDropped(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.builder(loop.server()).maxBodySize(16 * 1024).build();
			assertThat(failure(client.get(peer.url(PeerScript.BIG)))).isInstanceOf(ProtocolException.class)
				.hasMessage("response body of 65536 bytes is larger than the limit of 16384");
			assertThat(failure(client.get(peer.url(PeerScript.BIG_CHUNKED)))).isInstanceOf(ProtocolException.class)
				.hasMessageContaining("larger than the limit of 16384 bytes");
			assertThat(await(client.get(peer.url(PeerScript.HELLO))).bodyAsString()).isEqualTo("hello");
			assertThat(peer.clientPorts()).as("a connection per failed reply, and a fresh one after").hasSize(3);
		}
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void peerThatNeverAnswersTimesOut(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.builder(loop.server()).responseTimeout(Duration.ofMillis(300)).build();
			assertThat(failure(client.get(peer.url(PeerScript.STALL)))).isInstanceOf(SocketTimeoutException.class)
				.hasMessage("no response within 300 ms: GET " + peer.url(PeerScript.STALL));
			// the peer serves on; asked with the default timeouts, which a loaded machine
			// meets
			assertThat(await(Client.create(loop.server()).get(peer.url(PeerScript.HELLO))).bodyAsString())
				.isEqualTo("hello");
		}
	}

	@ParameterizedTest
	@MethodSource("httpPeers")
	void peerThatStallsAfterTheHeadTimesOut(Peer.Starter<Peer> starter) throws Exception {
		try (Peer peer = starter.start()) {
			Client client = Client.builder(loop.server()).idleTimeout(Duration.ofSeconds(1)).build();
			assertThat(failure(client.get(peer.url(PeerScript.STALL_BODY)))).isInstanceOf(SocketTimeoutException.class)
				.hasMessage("the response stalled: nothing for 1000 ms in the middle of the body: GET "
						+ peer.url(PeerScript.STALL_BODY));
			assertThat(await(client.get(peer.url(PeerScript.HELLO))).bodyAsString()).isEqualTo("hello");
			assertThat(peer.clientPorts()).as("the stalled connection is not reused").hasSize(2);
		}
	}

	@Test
	void closeDelimitedResponseEndsWithTheStream() throws Exception {
		try (NettyPeer peer = NettyPeer.start()) {
			Client client = Client.create(loop.server());
			for (int i = 0; i < 2; i++) {
				ClientResponse response = await(client.get(peer.url(PeerScript.CLOSE_DELIMITED)));
				assertThat(response.header("Content-Length")).isNull();
				assertThat(response.header("Transfer-Encoding")).isNull();
				assertThat(response.bodyAsString()).isEqualTo("until the end");
			}
			assertThat(peer.clientPorts()).as("a close-delimited response ends its connection").hasSize(2);
		}
	}

	// ---- WebSocket

	/** Records what the client's listener gets. */
	private static final class Recorder implements ClientWebSocket.Listener {

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

		final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();

		final CompletableFuture<String> closed = new CompletableFuture<>();

		@Override
		public void onText(ClientWebSocket socket, String text) {
			this.texts.add(text);
		}

		@Override
		public void onBinary(ClientWebSocket socket, byte[] data) {
			this.binaries.add(data);
		}

		@Override
		public void onPong(ClientWebSocket socket, byte[] payload) {
			this.pongs.add(new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void onClose(ClientWebSocket socket, int code, String reason) {
			this.closed.complete(code + " " + reason);
		}

		<T> T next(BlockingQueue<T> queue) throws InterruptedException {
			T next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(next).as("received within " + WAIT_SECONDS + " s").isNotNull();
			return next;
		}

	}

	@ParameterizedTest
	@MethodSource("webSocketPeers")
	void textBinaryAndPingsAreEchoed(Peer.Starter<WebSocketPeer> starter) throws Exception {
		try (WebSocketPeer peer = starter.start()) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = await(Client.create(loop.server()).webSocket(peer.ws(PeerScript.ECHO), recorder));
			assertThat(socket.sendText("héllo")).isTrue();
			assertThat(recorder.next(recorder.texts)).isEqualTo("héllo");
			byte[] bytes = new byte[256];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) i;
			}
			assertThat(socket.sendBinary(bytes)).isTrue();
			assertThat(recorder.next(recorder.binaries)).isEqualTo(bytes);
			assertThat(socket.ping("are you there".getBytes(StandardCharsets.UTF_8))).isTrue();
			assertThat(recorder.next(recorder.pongs)).isEqualTo("are you there");
			socket.close(1000, "done");
			assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("1000");
		}
	}

	@ParameterizedTest
	@MethodSource("webSocketPeers")
	void fragmentsAndLargeMessagesAreEchoed(Peer.Starter<WebSocketPeer> starter) throws Exception {
		try (WebSocketPeer peer = starter.start()) {
			Recorder recorder = new Recorder();
			ClientWebSocket socket = await(Client.create(loop.server()).webSocket(peer.ws(PeerScript.ECHO), recorder));
			assertThat(socket.sendText("frag", false)).isTrue();
			assertThat(socket.sendText("men", false)).isTrue();
			assertThat(socket.sendText("ted", true)).isTrue();
			assertThat(recorder.next(recorder.texts)).as("the echoed fragments, reassembled").isEqualTo("fragmented");
			assertThat(peer.frames()).as("the peer got three fragments")
				.containsExactly("text fin=false", "text fin=false", "text fin=true");
			byte[] large = new byte[1024 * 1024];
			new Random(42).nextBytes(large);
			assertThat(socket.sendBinary(large)).isTrue();
			assertThat(recorder.next(recorder.binaries)).isEqualTo(large);
			socket.close(1000, "done");
			assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("1000");
		}
	}

	@ParameterizedTest
	@MethodSource("webSocketPeers")
	void closeCodesGoBothWays(Peer.Starter<WebSocketPeer> starter) throws Exception {
		try (WebSocketPeer peer = starter.start()) {
			Client client = Client.create(loop.server());
			Recorder byClient = new Recorder();
			ClientWebSocket first = await(client.webSocket(peer.ws(PeerScript.ECHO), byClient));
			assertThat(first.close(4000, "client leaves")).isTrue();
			assertThat(byClient.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("4000");
			assertThat(peer.closeCodes().poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the peer got the client's code")
				.isEqualTo(4000);
			Recorder byPeer = new Recorder();
			ClientWebSocket second = await(client.webSocket(peer.ws(PeerScript.ECHO), byPeer));
			assertThat(second.sendText("close 4001 peer leaves")).isTrue();
			assertThat(byPeer.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("4001 peer leaves");
			assertThat(peer.closeCodes().poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the client answered with the code")
				.isEqualTo(4001);
			assertThat(second.isOpen()).isFalse();
		}
	}

	// ---- TLS

	@Test
	void trustedCertificateOfANettyTlsListenerServesHttpsAndWss() throws Exception {
		TestCertificates.Generated selfSigned = TestCertificates.generate(dir, "trusted", "EC");
		Path trust = selfSigned.write(dir.resolve("trusted.pem"), selfSigned.certificatePem());
		try (NettyPeer peer = NettyPeer.startTls(selfSigned)) {
			Client client = Client.builder(loop.server()).trust(trust).build();
			for (int i = 0; i < 3; i++) {
				assertThat(await(client.get(peer.url(PeerScript.HELLO))).bodyAsString()).isEqualTo("hello");
			}
			assertThat(await(client.get(peer.url(PeerScript.CHUNKED))).bodyAsString()).isEqualTo("first,second,third");
			assertThat(peer.clientPorts()).as("one TLS connection, kept alive").hasSize(1);
			Recorder recorder = new Recorder();
			ClientWebSocket socket = await(client.webSocket(peer.ws(PeerScript.ECHO), recorder));
			assertThat(socket.sendText("secure")).isTrue();
			assertThat(recorder.next(recorder.texts)).isEqualTo("secure");
			socket.close(1000, "done");
			assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("1000");
		}
	}

	@Test
	void untrustedCertificateIsRefused() throws Exception {
		TestCertificates.Generated selfSigned = TestCertificates.generate(dir, "untrusted", "EC");
		try (NettyPeer peer = NettyPeer.startTls(selfSigned)) {
			Client client = Client.create(loop.server()); // the JDK's authorities only
			assertThat(failure(client.get(peer.url(PeerScript.HELLO)))).isInstanceOf(IOException.class)
				.hasMessageStartingWith("TLS with https://127.0.0.1:" + peer.port() + " failed: ")
				.hasMessageContaining("PKIX");
			assertThat(peer.clientPorts()).as("no request reached the peer").isEmpty();
		}
	}

	@Test
	void certificateForAnotherNameIsRefused() throws Exception {
		TestCertificates.Generated ca = TestCertificates.generateCa(dir, "peer-ca");
		TestCertificates.Generated namesNoHost = TestCertificates.signedBy(dir, "peer-leaf", "peer-ca");
		Path trust = ca.write(dir.resolve("peer-ca.pem"), ca.certificatePem());
		try (NettyPeer peer = NettyPeer.startTls(namesNoHost)) {
			Client client = Client.builder(loop.server()).trust(trust).build();
			// the chain is trusted, the name is not in the certificate: the JDK's words
			assertThat(failure(client.get("https://localhost:" + peer.port() + PeerScript.HELLO)))
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("TLS with https://localhost:" + peer.port() + " failed: ")
				.hasMessageContaining("No name matching localhost found");
			assertThat(peer.clientPorts()).isEmpty();
		}
	}

}
