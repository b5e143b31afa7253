package io.mongoose.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.net.Event;
import io.mongoose.net.EventManager;
import io.mongoose.net.NetListener;
import io.mongoose.test.TestCertificates;

/** The TLS transport under the bare event loop, without HTTP on top. */
class TlsTransportTest {

	@TempDir
	Path dir;

	/**
	 * A receive buffer far smaller than one TLS record: decoded bytes wait in the TLS
	 * layer and must still arrive although the socket has nothing more to say (the loop
	 * re-reads them).
	 */
	@Test
	void decodedInputBeyondTheReceiveLimitIsDeliveredWithoutNewSocketData() throws Exception {
		TestCertificates.Generated cert = TestCertificates.generate(this.dir, "net", "EC");
		TlsContext tls = TlsContext.load(cert.write(this.dir.resolve("net.pem"), cert.pkcs8Pem()));
		EventManager manager = new EventManager();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		CompletableFuture<Boolean> secure = new CompletableFuture<>();
		Thread loop = new Thread(() -> {
			try {
				NetListener listener = manager.listen(new InetSocketAddress("127.0.0.1", 0), (net, event, data) -> {
					if (event == Event.ACCEPT) {
						net.setRecvLimit(64);
						secure.complete(net.isSecure());
					}
					else if (event == Event.RECV && net.recvLength() > 0) {
						// echo and consume, 64 bytes at a time at most
						net.write(java.util.Arrays.copyOf(net.recvArray(), net.recvLength()));
						net.consume(net.recvLength());
					}
				}, tls);
				port.complete(listener.localAddress().getPort());
				while (!Thread.currentThread().isInterrupted() && !manager.isClosed()) {
					manager.poll(50);
				}
			}
			catch (Exception ex) {
				port.completeExceptionally(ex);
			}
			finally {
				manager.close();
			}
		}, "tls-transport-test");
		loop.start();
		try (SSLSocket socket = TlsServerTest.open(cert.clientContext(), "TLSv1.3", port.get(10, TimeUnit.SECONDS))) {
			byte[] data = new byte[10_000];
			new SecureRandom().nextBytes(data);
			socket.getOutputStream().write(data); // one record, then silence
			socket.getOutputStream().flush();
			byte[] echoed = new byte[data.length];
			new DataInputStream(socket.getInputStream()).readFully(echoed);
			assertThat(echoed).isEqualTo(data);
			assertThat(secure.get(1, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loop.interrupt();
			loop.join(5000);
		}
	}

}
