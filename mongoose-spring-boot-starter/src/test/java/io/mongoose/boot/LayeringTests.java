package io.mongoose.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
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

/**
 * The starter uses the core through its API, the packages the core's module exports (only
 * {@code io.mongoose}), and not through the implementation packages, except the types
 * listed in {@link #CORE_TODAY}. The rules are methods, not {@code ArchRule} fields, so
 * that {@code -Dtest=LayeringTests} runs them.
 */
@AnalyzeClasses(packages = "io.mongoose.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTests {

	/**
	 * The implementation types of the core used here today. They are to move into the API
	 * (or out of sight); none may be added, and one no longer used must be deleted here
	 * ({@link #everyListedTypeIsStillUsed}), so the list only shrinks.
	 */
	private static final Set<String> CORE_TODAY = Set.of(
			// validation of mongoose.* properties with the core's own checks
			"io.mongoose.http.HttpSettings", "io.mongoose.ws.WebSocketSettings", "io.mongoose.net.PortSpec",
			// the defaults of mongoose.ssl-ciphers and mongoose.max-buffered-bytes
			"io.mongoose.tls.TlsPolicy", "io.mongoose.http.BufferBudget");

	/** The core's module: its packages, and which of them it exports. */
	private static final ModuleDescriptor CORE = coreModule();

	/** What "the core's API" means here: the one package the core's module exports. */
	@ArchTest
	void theCoreExportsOnlyItsApiPackage(JavaClasses classes) {
		assertThat(CORE.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.mongoose");
		assertThat(CORE.packages()).contains("io.mongoose.http", "io.mongoose.net");
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

	/**
	 * A class of the core outside the packages its module exports: its package is one of
	 * the module's and not exported (to everyone).
	 */
	private static boolean coreImplementation(JavaClass c) {
		String pkg = c.getPackageName();
		return CORE.packages().contains(pkg)
				&& CORE.exports().stream().noneMatch((e) -> !e.isQualified() && e.source().equals(pkg));
	}

	/**
	 * The core's module descriptor, read from its {@code module-info} wherever the core's
	 * classes are (a directory or a jar): the rules follow what the module exports.
	 */
	private static ModuleDescriptor coreModule() {
		try {
			Path location = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return ModuleFinder.of(location)
				.find("io.mongoose")
				.orElseThrow(() -> new IllegalStateException("no module io.mongoose in " + location))
				.descriptor();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
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
