package io.mongoose.boot;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart as DevTools does it: the context closes while a client still holds a
 * keep-alive connection, and a new context binds the same fixed port at once.
 */
class RestartOnSamePortTests {

	@Test
	void aNewContextBindsTheSamePortAsSoonAsTheOldOneClosed() throws Exception {
		ConfigurableApplicationContext first = run("--server.port=0");
		int port = first.getBean(MongooseWebServer.class).getPort();
		try (Socket keepAlive = new Socket("127.0.0.1", port)) {
			keepAlive.setSoTimeout(10_000);
			OutputStream out = keepAlive.getOutputStream();
			out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = keepAlive.getInputStream();
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
			first.close(); // the server closes the connection: its side is in TIME_WAIT
			try (ConfigurableApplicationContext second = run("--server.port=" + port)) {
				assertThat(second.getBean(MongooseWebServer.class).getPort()).isEqualTo(port);
				HttpResponse<String> hello = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
						.timeout(Duration.ofSeconds(10))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(hello.body()).isEqualTo("Hello, /hello");
			}
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("server.address=127.0.0.1", "spring.main.banner-mode=off", "mongoose.shutdown=immediate")
			.run(args);
	}

}
