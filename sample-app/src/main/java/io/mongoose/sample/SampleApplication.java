package io.mongoose.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.mongoose.boot.MongooseServerStartedEvent;

/**
 * The sample: a chat at {@code /} (static files from {@code classpath:static}), WebSocket
 * endpoints, a JSON API, uploads and a protected admin page, all served by Mongoose
 * through the starter. Configuration is in {@code application.yml}.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class SampleApplication {

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@EventListener
	void started(MongooseServerStartedEvent event) {
		logger.info("Chat ready: open http://localhost:" + event.getPort() + "/");
	}

}
