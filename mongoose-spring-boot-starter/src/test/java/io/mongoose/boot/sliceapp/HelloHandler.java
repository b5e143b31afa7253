package io.mongoose.boot.sliceapp;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.UriHandler;

/** A handler that needs nothing. */
@UriHandler("/hello")
public class HelloHandler implements Handler {

	@Override
	public Result handle(Connection connection) {
		connection.sendReply(200, "text/plain", "hello");
		return Result.DONE;
	}

}
