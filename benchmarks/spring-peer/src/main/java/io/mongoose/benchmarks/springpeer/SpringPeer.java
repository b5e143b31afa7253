package io.mongoose.benchmarks.springpeer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application as a Spring user writes it: a {@code @RestController}
 * answering {@code GET /hello} and Boot's static resources under {@code /static/**} from
 * STATIC_DIR, on the embedded Tomcat with its defaults (200 threads, keep-alive for 100
 * requests). Usage: {@code java -jar spring-peer.jar PORT [STATIC_DIR]}; it binds
 * {@code 127.0.0.1:PORT}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@RestController
public class SpringPeer {

	@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
	String hello() {
		return "Hello, world!";
	}

	public static void main(String[] args) {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: java -jar spring-peer.jar PORT [STATIC_DIR]");
			System.exit(2);
		}
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", args[0]);
		properties.put("server.address", "127.0.0.1");
		if (args.length == 2) {
			properties.put("spring.web.resources.static-locations",
					Path.of(args[1]).toAbsolutePath().toUri().toString());
			properties.put("spring.mvc.static-path-pattern", "/static/**");
		}
		SpringApplication application = new SpringApplication(SpringPeer.class);
		application.setDefaultProperties(properties);
		application.run();
	}

}
