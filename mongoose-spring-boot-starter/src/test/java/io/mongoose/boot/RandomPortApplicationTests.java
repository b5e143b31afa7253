package io.mongoose.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.http.server.LocalTestWebServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.ApplicationContext;

import io.mongoose.boot.test.LocalMongoosePort;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} alone, with a configuration that
 * names a fixed {@code server.port}: Mongoose binds an ephemeral port and
 * {@code @LocalServerPort} reads it.
 */
// closed after the class: other tests count the IO threads of the JVM
@DirtiesContext
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=fixed-port")
class RandomPortApplicationTests {

	@LocalServerPort
	int port;

	@LocalMongoosePort
	int mongoosePort;

	@Autowired
	MongooseWebServer webServer;

	@Autowired
	ApplicationContext context;

	@Test
	void randomPortBindsAnEphemeralPortPublishedAsLocalServerPort() throws Exception {
		assertThat(this.port).isPositive().isNotEqualTo(8080).isEqualTo(this.webServer.getPort());
		assertThat(this.mongoosePort).isEqualTo(this.port);
		assertThat(LocalTestWebServer.obtain(this.context).uri()).isEqualTo("http://localhost:" + this.port);
		HttpResponse<String> hello = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hello"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.body()).isEqualTo("Hello, /hello");
	}

}
