package io.mongoose.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MongooseWebServerConflictException}: which servers collide and the
 * three ways out.
 */
class MongooseWebServerConflictFailureAnalyzer extends AbstractFailureAnalyzer<MongooseWebServerConflictException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MongooseWebServerConflictException cause) {
		String port = (cause.getPort() != 0) ? "port " + cause.getPort() : "'server.port' (0, an ephemeral port)";
		return new FailureAnalysis("Mongoose failed to start. The application also runs a " + cause.getKind()
				+ " web server (Tomcat, Jetty or Netty on the classpath), and both would listen on " + port + ".",
				"Do one of the following:\n"
						+ "\t- remove the other web server from the classpath (for example spring-boot-starter-web,"
						+ " spring-boot-starter-webflux or spring-boot-starter-tomcat) if Mongoose is the application's"
						+ " web server;\n"
						+ "\t- set 'spring.main.web-application-type=none' so that Spring Boot starts no other web"
						+ " server;\n" + "\t- give Mongoose a port of its own with 'mongoose.listening-port'.",
				cause);
	}

}
