package io.mongoose.boot.sliceapp;

import org.springframework.stereotype.Component;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.boot.MongooseErrorHandler;

/** The application's error pages: a starter callback, part of every slice. */
@Component
public class NotFoundPage implements MongooseErrorHandler {

	@Override
	public Handler.Result handle(Connection connection) {
		connection.sendReply(connection.statusCode(), "text/plain", "no page here (" + connection.statusCode() + ")");
		return Handler.Result.DONE;
	}

}
