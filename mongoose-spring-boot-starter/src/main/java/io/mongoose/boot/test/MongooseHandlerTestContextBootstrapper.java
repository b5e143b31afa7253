package io.mongoose.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Bootstraps a {@link MongooseHandlerTest}: its {@code properties}, and its
 * {@code classes} as the configuration instead of the
 * {@link org.springframework.boot.SpringBootConfiguration @SpringBootConfiguration} found
 * above the test's package, as {@code @SpringBootTest(classes = ...)} does.
 */
class MongooseHandlerTestContextBootstrapper extends TestSliceTestContextBootstrapper<MongooseHandlerTest> {

	@Override
	protected Class<?>[] getClasses(Class<?> testClass) {
		MergedAnnotation<MongooseHandlerTest> annotation = MergedAnnotations.search(SearchStrategy.TYPE_HIERARCHY)
			.withEnclosingClasses(TestContextAnnotationUtils::searchEnclosingClass)
			.from(testClass)
			.get(MongooseHandlerTest.class);
		return annotation.isPresent() ? annotation.getClassArray("classes") : null;
	}

}
