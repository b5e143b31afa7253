package io.mongoose.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

import io.mongoose.Server;
import io.mongoose.test.ModuleBoundary;

/**
 * The sample application uses the core through its API, the packages the core's module
 * exports (only {@code io.mongoose}), and not through the implementation packages, except
 * the types listed in {@link #CORE_TODAY}. The rules are methods, not {@code ArchRule}
 * fields, so that {@code -Dtest=LayeringTests} runs them.
 */
@AnalyzeClasses(packages = "io.mongoose.sample", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTests {

	/**
	 * The implementation types of the core used here today. They are to move into the API
	 * (or out of sight); none may be added, and one no longer used must be deleted here
	 * ({@link #everyListedTypeIsStillUsed}), so the list only shrinks.
	 */
	private static final Set<String> CORE_TODAY = Set.of(); // the API is enough

	/** The core's module: its packages, and which of them it exports. */
	private static final ModuleBoundary CORE = ModuleBoundary.of("io.mongoose", Server.class);

	/** What "the core's API" means here: the one package the core's module exports. */
	@ArchTest
	void theCoreExportsOnlyItsApiPackage(JavaClasses classes) {
		assertThat(CORE.descriptor().exports()).extracting(ModuleDescriptor.Exports::source)
			.containsExactly("io.mongoose");
		assertThat(CORE.descriptor().packages()).contains("io.mongoose.http", "io.mongoose.net");
	}

	@ArchTest
	void usesOnlyTheCoreApiAndTodaysList(JavaClasses classes) {
		noClasses().should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"are in a package the core's module does not export and not listed in LayeringTests.CORE_TODAY",
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

	/** A class of the core outside the packages its module exports. */
	private static boolean coreImplementation(JavaClass c) {
		return CORE.isImplementation(c.getPackageName());
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
