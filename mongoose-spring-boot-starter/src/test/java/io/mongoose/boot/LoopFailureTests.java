package io.mongoose.boot;

import java.io.File;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import io.mongoose.boot.autoconfigure.health.MongooseHealthIndicator;
import io.mongoose.boot.testapp.LoopFailureApplication;
import io.mongoose.boot.testapp.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IO thread that dies is visible and, by default, ends the application so that a
 * supervisor restarts it ({@code mongoose.loop-failure}).
 */
class LoopFailureTests {

	@Test
	void keepRunningReportsTheDeadLoopAsDownAndLivenessBroken() throws Exception {
		// the IO thread that reports its death: once it ended, every listener has seen
		// the event
		CompletableFuture<Thread> broken = new CompletableFuture<>();
		ApplicationListener<AvailabilityChangeEvent<?>> listener = (event) -> {
			if (event.getState() == LivenessState.BROKEN) {
				broken.complete(Thread.currentThread());
			}
		};
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("mongoose.listening-port=127.0.0.1:0", "spring.main.banner-mode=off",
					"mongoose.loop-failure=keep-running")
			.listeners(listener)
			.run()) {
			MongooseWebServer webServer = context.getBean(MongooseWebServer.class);
			MongooseHealthIndicator health = context.getBean(MongooseHealthIndicator.class);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			try (Socket socket = LoopFailureApplication.killLoop(webServer)) {
				Thread ioThread = broken.get(30, TimeUnit.SECONDS);
				assertThat(ioThread.getName()).isEqualTo("mongoose-io-1");
				ioThread.join(30_000);
				assertThat(ioThread.isAlive()).isFalse();
				assertThat(socket.getInputStream().readAllBytes()).isNotNull(); // closed
																				// by the
																				// dying
																				// server
			}
			Health down = health.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("loopAlive", false);
			assertThat(context.getBean(ApplicationAvailability.class).getLivenessState())
				.isEqualTo(LivenessState.BROKEN);
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void byDefaultTheApplicationExitsWithStatusOne(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("child.log");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), LoopFailureApplication.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		try {
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
			String output = Files.readString(log);
			assertThat(child.exitValue()).as(output).isEqualTo(1);
			assertThat(output).containsOnlyOnce("ERROR")
				.contains("Mongoose IO thread 'mongoose-io-1' died")
				.contains("killed by the test")
				.contains("Exiting the application with status 1 as mongoose.loop-failure=exit");
		}
		finally {
			child.destroyForcibly();
		}
	}

}
