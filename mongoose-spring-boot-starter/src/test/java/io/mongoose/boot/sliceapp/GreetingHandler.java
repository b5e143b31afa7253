package io.mongoose.boot.sliceapp;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.UriHandler;

/** A handler that needs a service: a slice that holds it must be given one. */
@UriHandler("/greet")
public class GreetingHandler implements Handler {

	private final Greetings greetings;

	GreetingHandler(Greetings greetings) {
		this.greetings = greetings;
	}

	@Override
	public Result handle(Connection connection) {
		connection.sendReply(200, "text/plain", this.greetings.greet(connection.getVar("name")));
		return Result.DONE;
	}

}
