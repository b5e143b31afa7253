package io.mongoose.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;
import io.mongoose.RequestObserver;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;
import io.mongoose.boot.observation.MongooseRequestObservationContext;
import io.mongoose.boot.observation.MongooseRequestObservationConvention;

/**
 * Makes every request an {@link Observation}: started when its head is parsed (a tracer
 * continues the trace of its {@code traceparent} then), in scope while its handler runs,
 * on the IO thread or on its worker, so that the trace and span ids are in the logs there
 * and nowhere else, and stopped when its reply is finished.
 */
final class MongooseRequestObserver implements RequestObserver {

	private final ObservationRegistry registry;

	private final @Nullable MongooseRequestObservationConvention convention;

	private final MongooseRequestObservationConvention defaultConvention;

	private final UriHandlerRegistrar registrar;

	MongooseRequestObserver(ObservationRegistry registry, @Nullable MongooseRequestObservationConvention convention,
			MongooseRequestObservationConvention defaultConvention, UriHandlerRegistrar registrar) {
		this.registry = registry;
		this.convention = convention;
		this.defaultConvention = defaultConvention;
		this.registrar = registrar;
	}

	@Override
	public @Nullable Object requestStarted(Connection connection) {
		if (this.registry.isNoop()) {
			return null; // nothing to record: the request costs what it did without us
		}
		MongooseRequestObservationContext context = new MongooseRequestObservationContext(connection);
		Observation observation = Observation.createNotStarted(this.convention, this.defaultConvention, () -> context,
				this.registry);
		return observation.isNoop() ? null : observation.start();
	}

	@Override
	public Scope handlerScope(Connection connection, Object request) {
		return ((Observation) request).openScope()::close;
	}

	@Override
	public void requestCompleted(Connection connection, Object request, @Nullable Throwable failure, boolean aborted) {
		Observation observation = (Observation) request;
		MongooseRequestObservationContext context = (MongooseRequestObservationContext) observation.getContext();
		context.setPathPattern(template(connection));
		context.setConnectionAborted(aborted);
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

	/** The template the request matched: the handler's prefix. */
	private @Nullable String template(Connection connection) {
		String path = connection.uri(); // null: refused before its target was read
		return (path != null) ? this.registrar.findPrefix(path) : null;
	}

}
