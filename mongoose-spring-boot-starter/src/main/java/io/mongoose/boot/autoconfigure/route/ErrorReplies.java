package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;

import io.mongoose.Connection;
import io.mongoose.Handler;
import io.mongoose.Handler.Result;
import io.mongoose.boot.route.MongooseException;
import io.mongoose.boot.route.Status;

/**
 * Turns what a route method threw into an error reply: a {@link MongooseException}'s or
 * {@link Status @Status}-annotated exception's status, {@code 503} for a full executor,
 * else {@code 500} (logged with its stack trace, which never reaches the client). The
 * application's {@code MongooseErrorHandler} writes the reply if there is one and it
 * answers; otherwise a {@link Problem} does, as JSON when Jackson is present.
 */
final class ErrorReplies {

	private static final Log logger = LogFactory.getLog(ErrorReplies.class);

	private final @Nullable JsonCodec json;

	private final @Nullable Handler errorHandler;

	ErrorReplies(@Nullable JsonCodec json, @Nullable Handler errorHandler) {
		this.json = json;
		this.errorHandler = errorHandler;
	}

	/**
	 * The reply to {@code failure}, worked out (logged, rendered) on the calling thread
	 * and written by the handler returned.
	 * @param request the request, read when it was served: another thread may complete it
	 */
	Handler replyTo(Throwable failure, RouteRequest request) {
		Throwable error = unwrap(failure);
		Problem problem = problem(error, request);
		byte[] body;
		String type;
		if (this.json != null) {
			body = this.json.write(problem.members());
			type = Problem.MEDIA_TYPE;
		}
		else {
			body = problem.text();
			type = "text/plain; charset=utf-8";
		}
		return (c) -> {
			if (!answeredByErrorHandler(c, problem.status(), error)) {
				send(c, problem.status(), type, body);
			}
			return Result.DONE;
		};
	}

	/**
	 * The server's error page for a request below a route bean ({@code 404} for a path no
	 * route matches, {@code 503} for a reply that timed out, ...): a problem too, when
	 * Jackson is present; otherwise, and for other requests, the server's own page.
	 */
	Result errorPage(Connection c, Predicate<String> routed) {
		String uri = c.uri();
		if (this.json == null || uri == null || c.statusCode() < 400 || !routed.test(uri)) {
			return Result.NOT_HANDLED;
		}
		Problem problem = new Problem(c.statusCode(), null, uri, List.of());
		send(c, problem.status(), Problem.MEDIA_TYPE, this.json.write(problem.members()));
		return Result.DONE;
	}

	private static void send(Connection c, int status, String type, byte[] body) {
		if (status == 503) { // overloaded: soon worth a retry, as the server's own 503
			c.sendStatus(status).sendHeader("Content-Type", type).sendHeader("Retry-After", "1").sendData(body);
		}
		else {
			c.sendReply(status, type, body);
		}
	}

	private Problem problem(Throwable error, RouteRequest request) {
		int status = 500;
		String detail = null;
		List<InvalidRequest.FieldError> errors = List.of();
		Status annotation = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), Status.class);
		if (error instanceof MongooseException ex) {
			status = ex.getStatus();
			detail = ex.getReason();
			if (ex instanceof InvalidRequest invalid) {
				errors = invalid.errors();
			}
		}
		else if (annotation != null && annotation.value() >= 400 && annotation.value() <= 599) {
			status = annotation.value();
			detail = !annotation.reason().isEmpty() ? annotation.reason() : (status < 500) ? error.getMessage() : null;
		}
		else if (error instanceof RejectedExecutionException) {
			status = 503; // the executor the route handed its work to is full
			detail = "too busy, try again";
		}
		Problem problem = new Problem(status, detail, request.uri(), errors);
		if (status == 500 && !(error instanceof MongooseException) && annotation == null) {
			logger.error("Route " + request.route() + " failed on " + request, error);
		}
		else if (status >= 500) {
			logger.warn(status + " " + problem.title() + " for " + request + ": " + error);
		}
		else if (logger.isInfoEnabled()) {
			logger.info(status + " " + problem.title() + " for " + request + ": " + detail);
		}
		return problem;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable error = failure;
		while ((error instanceof CompletionException || error instanceof ExecutionException
				|| error instanceof InvocationTargetException || error instanceof UndeclaredThrowableException)
				&& error.getCause() != null) {
			error = error.getCause();
		}
		return error;
	}

	/**
	 * Lets the application's error handler answer. It reads the status from
	 * {@link Connection#statusCode()}, which the server sets only for its own errors: it
	 * gets a view of the connection that reports this one.
	 */
	private boolean answeredByErrorHandler(Connection c, int status, Throwable error) {
		if (this.errorHandler == null) {
			return false;
		}
		Connection view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getParameterCount() == 0 && method.getName().equals("statusCode")) {
						return (c.statusCode() != 0) ? c.statusCode() : status;
					}
					if (method.getParameterCount() == 0 && method.getName().equals("error")) {
						return error;
					}
					try {
						return method.invoke(c, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		try {
			return this.errorHandler.handle(view) != Result.NOT_HANDLED && c.statusCode() != 0;
		}
		catch (Exception ex) {
			logger.error("The MongooseErrorHandler failed for " + status, ex);
			return c.statusCode() != 0;
		}
	}

}
