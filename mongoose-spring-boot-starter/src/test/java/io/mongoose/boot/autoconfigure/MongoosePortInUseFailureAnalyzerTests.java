package io.mongoose.boot.autoconfigure;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.mongoose.boot.MongoosePortInUseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MongoosePortInUseFailureAnalyzer}.
 */
class MongoosePortInUseFailureAnalyzerTests {

	@Test
	void analysisNamesThePortAndTheProperty() {
		FailureAnalysis analysis = new MongoosePortInUseFailureAnalyzer()
			.analyze(new IllegalStateException("wrapper", new MongoosePortInUseException(8080, "in use")));
		assertThat(analysis.getDescription()).isEqualTo("Mongoose failed to start. Port 8080 was already in use.");
		assertThat(analysis.getAction()).isEqualTo("Identify and stop the process that's listening on port 8080 or "
				+ "configure this application to listen on another port by changing 'mongoose.listening-port'.");
	}

	@Test
	void portInUseFailsStartUpWithAnAnalyzableException() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
				.withPropertyValues("mongoose.listening-port=" + port)
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new MongoosePortInUseFailureAnalyzer().analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("Port " + port + " was already in use");
					assertThat(analysis.getAction()).contains("'mongoose.listening-port'");
				});
		}
	}

	@Test
	void analyzerIsRegisteredInSpringFactories() throws Exception {
		try (var in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			assertThat(new String(in.readAllBytes())).contains("org.springframework.boot.diagnostics.FailureAnalyzer")
				.contains(MongoosePortInUseFailureAnalyzer.class.getName());
		}
	}

}
