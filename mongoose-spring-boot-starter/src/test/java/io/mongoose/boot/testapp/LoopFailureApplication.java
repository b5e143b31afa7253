package io.mongoose.boot.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.boot.MongooseWebServer;

/**
 * {@link TestApplication} whose IO thread is killed once it serves: run in a child JVM to
 * see what the process does when its loop dies.
 */
public final class LoopFailureApplication {

	private LoopFailureApplication() {
	}

	public static void main(String[] args) throws IOException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off")
			.run(args);
		killLoop(context.getBean(MongooseWebServer.class));
	}

	/**
	 * Kills the (first) IO thread the way an application bug can: an {@link Error} from a
	 * callback run on the loop, which the core does not catch. The returned socket holds
	 * the connection the callback needs; the server closes it as it dies.
	 */
	public static Socket killLoop(MongooseWebServer webServer) throws IOException {
		Socket socket = new Socket("127.0.0.1", webServer.getPort());
		socket.setSoTimeout(10_000);
		socket.getOutputStream().write("GET /hello/x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		if (in.read() < 0) { // answered: the connection is open on the loop
			throw new IOException("no reply from the server");
		}
		webServer.getServers().get(0).iterateOverConnections((connection) -> {
			throw new AssertionError("killed by the test");
		});
		return socket;
	}

}
