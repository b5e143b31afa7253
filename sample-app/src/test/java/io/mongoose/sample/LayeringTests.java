package io.mongoose.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The sample application uses the core through its API, the top-level package
 * {@code io.mongoose}, and not through the implementation packages, except the types
 * listed in {@link #CORE_TODAY}. The rules are methods, not {@code ArchRule} fields, so
 * that {@code -Dtest=LayeringTests} runs them.
 */
@AnalyzeClasses(packages = "io.mongoose.sample", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTests {

	/**
	 * The implementation types of the core used here today. They are to move into the API
	 * (or out of sight); none may be added, and one no longer used must be deleted here
	 * ({@link #everyListedTypeIsStillUsed}), so the list only shrinks.
	 */
	private static final Set<String> CORE_TODAY = Set.of(
			// the request counter, a listener the starter adds to the server
			"io.mongoose.http.RequestListener",
			// the admin pages are guarded by the core's digest authentication
			"io.mongoose.auth.DigestAuth");

	@ArchTest
	void usesOnlyTheCoreApiAndTodaysList(JavaClasses classes) {
		noClasses().should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"are in an implementation package of the core and not listed in LayeringTests.CORE_TODAY",
					(JavaClass c) -> coreImplementation(c) && !CORE_TODAY.contains(topLevel(c))))
			.check(classes);
	}

	@ArchTest
	void everyListedTypeIsStillUsed(JavaClasses classes) {
		Set<String> stale = new TreeSet<>(CORE_TODAY);
		for (JavaClass c : classes) {
			for (Dependency d : c.getDirectDependenciesFromSelf()) {
				stale.remove(topLevel(d.getTargetClass()));
			}
		}
		assertThat(stale).as("no longer used; delete them from LayeringTests.CORE_TODAY").isEmpty();
	}

	/**
	 * A class of the core below {@code io.mongoose}: its package is one of the core's
	 * sub-packages.
	 */
	private static boolean coreImplementation(JavaClass c) {
		String pkg = c.getPackageName();
		return pkg.startsWith("io.mongoose.") && !pkg.startsWith("io.mongoose.boot")
				&& !pkg.startsWith("io.mongoose.sample");
	}

	/** A nested class counts as its top-level class. */
	private static String topLevel(JavaClass c) {
		JavaClass top = c;
		while (top.getEnclosingClass().isPresent()) {
			top = top.getEnclosingClass().get();
		}
		return top.getName();
	}

}
