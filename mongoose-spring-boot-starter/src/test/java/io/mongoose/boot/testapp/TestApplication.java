package io.mongoose.boot.testapp;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.mongoose.Connection;
import io.mongoose.EventStreamHandler;
import io.mongoose.Handler;
import io.mongoose.WebSocketHandler;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.UriHandler;

/**
 * An application with a few handler beans, for the integration tests. Lives outside the
 * starter's packages: component scanning must never reach the auto-configuration.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class TestApplication {

	/** Counted down when the slow handler starts a request. */
	public static volatile CountDownLatch slowStarted = new CountDownLatch(1);

	/** While set, the slow handler never finishes (a shutdown must give up on it). */
	public static volatile boolean holdSlow;

	@Bean
	MongooseErrorHandler customErrors() {
		return (connection) -> {
			connection.sendReply(connection.statusCode(), "text/plain", "custom " + connection.statusCode());
			return Handler.Result.DONE;
		};
	}

	@UriHandler("/hello")
	static class HelloHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			connection.sendReply(200, "text/plain", "Hello, " + connection.uri());
			return Result.DONE;
		}

	}

	/** Answers after about 500 ms of CALL_AGAIN polls: a request in flight. */
	@UriHandler("/slow")
	static class SlowHandler implements Handler {

		@Override
		public Result handle(Connection connection) {
			Object started = connection.connectionParam();
			if (!(started instanceof Long)) {
				connection.setConnectionParam(System.nanoTime());
				slowStarted.countDown();
				return Result.CALL_AGAIN;
			}
			if (holdSlow || System.nanoTime() - (Long) started < 500_000_000L) {
				return Result.CALL_AGAIN;
			}
			connection.setConnectionParam(null);
			connection.sendReply(200, "text/plain", "slow done");
			return Result.DONE;
		}

	}

	@UriHandler("/ws")
	static class EchoWebSocketHandler implements WebSocketHandler {

		@Override
		public Result handle(Connection connection) {
			if (connection.isWebSocket()) {
				connection.websocketWrite(1, connection.content());
				return Result.DONE;
			}
			return Result.NOT_HANDLED;
		}

	}

	/** An event stream, which the broadcaster reaches beside the WebSockets. */
	@UriHandler("/events")
	static class EventsHandler implements EventStreamHandler {

	}

}
