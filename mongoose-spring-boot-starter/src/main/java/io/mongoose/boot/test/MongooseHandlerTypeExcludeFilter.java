package io.mongoose.boot.test;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

import io.mongoose.RequestListener;
import io.mongoose.RequestObserver;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.UriHandler;

/**
 * What component scanning finds in a {@link MongooseHandlerTest}: the
 * {@link UriHandler @UriHandler} beans (the only beans the starter registers as
 * handlers), or only the {@code handlers} the test names, plus the callbacks the starter
 * applies to every server ({@link MongooseServerCustomizer},
 * {@link MongooseErrorHandler}, {@link RequestListener}, {@link RequestObserver}) and the
 * types listed in
 * {@code META-INF/spring/io.mongoose.boot.test.MongooseHandlerTest.includes} (Jackson
 * modules). Services, repositories and other components stay out: the test provides those
 * its handlers need.
 */
final class MongooseHandlerTypeExcludeFilter
		extends StandardAnnotationCustomizableTypeExcludeFilter<MongooseHandlerTest> {

	private static final Set<Class<?>> CALLBACKS = Set.of(MongooseServerCustomizer.class, MongooseErrorHandler.class,
			RequestListener.class, RequestObserver.class);

	private static final Set<Class<?>> CALLBACKS_AND_HANDLERS;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>(CALLBACKS);
		includes.add(UriHandler.class);
		CALLBACKS_AND_HANDLERS = Set.copyOf(includes);
	}

	private final Class<?>[] handlers;

	MongooseHandlerTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.handlers = getAnnotation().getValue("handlers", Class[].class).orElse(new Class<?>[0]);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return (this.handlers.length == 0) ? CALLBACKS_AND_HANDLERS : CALLBACKS;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(Arrays.asList(this.handlers));
	}

}
