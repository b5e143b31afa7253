package io.mongoose.boot.autoconfigure;

import java.net.BindException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.mongoose.boot.MongoosePortInUseException;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link MongoosePortInUseFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongoosePortInUseFailureAnalyzerTests {

	@Test
	void analysisNamesThePortAndTheProperty() {
		FailureAnalysis analysis = new MongoosePortInUseFailureAnalyzer().analyze(new IllegalStateException("wrapper",
				new MongoosePortInUseException(8080, new BindException("Address already in use"))));
		assertThat(analysis.getDescription()).isEqualTo("Mongoose failed to start. Port 8080 was already in use.");
		assertThat(analysis.getAction()).isEqualTo("Identify and stop the process that's listening on port 8080 or "
				+ "configure this application to listen on another port by changing 'server.port' (or 'mongoose.listening-port', which overrides it).");
	}

	@Test
	void portInUseFailsStartUpWithAnAnalyzableException() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
				.withPropertyValues("mongoose.listening-port=" + port)
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new MongoosePortInUseFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis).isNotNull();
					assertThat(analysis.getDescription()).contains("Port " + port + " was already in use");
					assertThat(analysis.getAction()).contains("'mongoose.listening-port'");
					// the core's typed failure, not a message, says the port is taken
					assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindException.class);
					assertThat(context.getStartupFailure()).hasCauseInstanceOf(MongoosePortInUseException.class);
				});
		}
	}

	@Test
	void applicationThatCannotBindReportsTheAnalysis(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();
			assertThatException()
				.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
					.properties("mongoose.listening-port=" + port, "spring.main.banner-mode=off")
					.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Mongoose failed to start. Port " + port + " was already in use.")
				.contains("changing 'server.port'");
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
