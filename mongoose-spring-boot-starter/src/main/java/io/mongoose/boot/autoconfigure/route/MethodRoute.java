package io.mongoose.boot.autoconfigure.route;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import io.mongoose.AsyncReply;
import io.mongoose.Connection;
import io.mongoose.Handler;

/**
 * One route method as a {@link Handler}: binds the arguments, validates them, calls the
 * method and writes what it returned or threw. A {@code CompletionStage} suspends the
 * request until it completes; its reply is rendered on the completing thread and written
 * on the IO thread.
 */
final class MethodRoute implements Handler {

	private final String name;

	private final Object bean;

	private final Method method;

	private final ParameterBinder[] binders;

	private final @Nullable ArgumentsValidator validator;

	private final ReturnValues returns;

	private final ErrorReplies errors;

	MethodRoute(String name, Object bean, Method method, ParameterBinder[] binders,
			@Nullable ArgumentsValidator validator, ReturnValues returns, ErrorReplies errors) {
		this.name = name;
		this.bean = bean;
		this.method = method;
		this.binders = binders;
		this.validator = validator;
		this.returns = returns;
		this.errors = errors;
	}

	@Override
	public Result handle(Connection c) throws Exception {
		try {
			Object value = invoke(c);
			if (value instanceof CompletionStage<?> stage) {
				RouteRequest later = RouteRequest.of(this.name, c);
				AsyncReply reply = c.suspend();
				stage.whenComplete((result, failure) -> reply.complete(reply(result, failure, later)));
				return Result.DONE;
			}
			return this.returns.replyFor(value).handle(c);
		}
		catch (Exception ex) {
			if (c.statusCode() != 0) {
				throw ex; // it began a reply: the server ends it
			}
			return this.errors.replyTo(ex, RouteRequest.of(this.name, c)).handle(c);
		}
	}

	private @Nullable Object invoke(Connection c) throws Exception {
		@Nullable Object[] arguments = new Object[this.binders.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.binders[i].bind(c);
		}
		if (this.validator != null) {
			this.validator.validate(this.bean, this.method, arguments);
		}
		try {
			return this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Error error) {
				throw error;
			}
			throw (cause instanceof Exception exception) ? exception : ex;
		}
	}

	private Handler reply(@Nullable Object result, @Nullable Throwable failure, RouteRequest request) {
		if (failure == null) {
			try {
				return this.returns.replyFor(result);
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		return this.errors.replyTo(failure, request);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
