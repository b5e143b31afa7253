package io.mongoose.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.mongoose.boot.MongoosePortInUseException;

/**
 * Explains a {@link MongoosePortInUseException} in Spring Boot's wording, naming the port
 * and the property to change.
 */
class MongoosePortInUseFailureAnalyzer extends AbstractFailureAnalyzer<MongoosePortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MongoosePortInUseException cause) {
		return new FailureAnalysis("Mongoose failed to start. Port " + cause
			.getPort() + " was already in use.", "Identify and stop the process that's listening on port "
					+ cause.getPort()
					+ " or configure this application to listen on another port by changing 'server.port' (or 'mongoose.listening-port', which overrides it).",
				cause);
	}

}
