package io.mongoose.boot.autoconfigure;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationContext;

import io.mongoose.boot.autoconfigure.MongooseProperties.LoopFailure;

/**
 * What becomes of the application once an IO thread died ({@code mongoose.loop-failure}):
 * a server that no longer polls must not look alive. Liveness turns {@code BROKEN} (and
 * the Mongoose health indicator {@code DOWN}); by default the application then exits with
 * status 1 as {@code SpringApplication.exit} does, so that a supervisor restarts it.
 */
final class LoopFailureHandler implements Consumer<Throwable> {

	private static final Log logger = LogFactory.getLog(LoopFailureHandler.class);

	private final ApplicationContext context;

	private final LoopFailure mode;

	LoopFailureHandler(ApplicationContext context, LoopFailure mode) {
		this.context = context;
		this.mode = mode;
	}

	@Override
	public void accept(Throwable failure) {
		AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
		if (this.mode == LoopFailure.KEEP_RUNNING) {
			return;
		}
		logger.warn("Exiting the application with status 1 as mongoose.loop-failure=exit");
		// not on the dying IO thread: closing the context waits for the IO threads to end
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> 1)), "mongoose-exit");
		exit.start();
	}

}
