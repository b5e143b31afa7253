package io.mongoose.boot;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tomcat (from Maven Central) on the classpath beside Mongoose: the application is a
 * servlet one, and both servers would listen on {@code server.port}. Runs in a surefire
 * execution of its own, the only one with Tomcat on the classpath.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtherWebServerConflictTests {

	@Test
	void bothServersOnServerPortFailStartUpWithAnAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Mongoose failed to start. The application also runs a servlet web server")
			.contains("spring.main.web-application-type=none")
			.contains("'mongoose.listening-port'");
	}

	@Test
	void explicitMongoosePortOnServerPortFailsToo(CapturedOutput output) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) { // a port no one else uses
			port = socket.getLocalPort();
		}
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).run("--server.port=" + port,
					"--mongoose.listening-port=127.0.0.1:" + port, "--spring.main.banner-mode=off"));
		assertThat(output).contains("both would listen on port " + port);
	}

	@Test
	void withoutAnotherWebServerMongooseStarts() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off")) {
			assertThat(context.getBean(MongooseWebServer.class).getPort()).isPositive();
		}
	}

}
