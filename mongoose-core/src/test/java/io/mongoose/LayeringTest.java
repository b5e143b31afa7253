package io.mongoose;

import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependencyTarget;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
 * The layering of the core, checked on every build. Bytes flow {@code net} → {@code http}
 * → ({@code ws} | {@code files} → {@code cgi} / {@code dav}); a layer knows the layers
 * below it and the API, never one above. The rules are methods, not {@code ArchRule}
 * fields, so that {@code -Dtest=LayeringTest} runs them too.
 */
@AnalyzeClasses(packages = "io.mongoose", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

	/**
	 * The implementation packages; the API is the top-level package {@code io.mongoose}.
	 */
	private static final String[] IMPLEMENTATION = { "io.mongoose.net..", "io.mongoose.http..", "io.mongoose.ws..",
			"io.mongoose.files..", "io.mongoose.auth..", "io.mongoose.cgi..", "io.mongoose.dav..", "io.mongoose.tls..",
			"io.mongoose.cli..", "io.mongoose.client.." };

	/**
	 * Today's arrows from the API package into implementation, origin → targets. They are
	 * to go (what users touch moves into the API, the wiring out of it); none may be
	 * added, and one that is gone must be deleted here
	 * ({@link #everyListedApiArrowStillExists}), so the list only shrinks.
	 */
	private static final Map<String, Set<String>> API_TODAY = Map.of(
			// Client builds the engine of the outbound client on the server's loop
			"io.mongoose.Client",
			Set.of("io.mongoose.client.ClientEngine", "io.mongoose.client.ClientSettings",
					"io.mongoose.client.RawResponse"),
			// Server's constructor wires the layers together and hands out the loop
			"io.mongoose.Server",
			Set.of("io.mongoose.net.EventManager", "io.mongoose.net.NetConnection", "io.mongoose.net.NetListener",
					"io.mongoose.http.HttpConnection", "io.mongoose.http.HttpProtocol", "io.mongoose.http.HttpSettings",
					"io.mongoose.http.Routes", "io.mongoose.ws.WebSocketLayer", "io.mongoose.ws.WebSocketSettings",
					"io.mongoose.files.StaticFiles", "io.mongoose.cgi.CgiRunner", "io.mongoose.dav.WebDav"),
			// ServerOptions applies every option to the layer that owns it
			"io.mongoose.ServerOptions",
			Set.of("io.mongoose.net.EventManager", "io.mongoose.net.NetListener", "io.mongoose.net.PortSpec",
					"io.mongoose.net.Transport", "io.mongoose.http.HttpProtocol", "io.mongoose.http.HttpSettings",
					"io.mongoose.ws.WebSocketSettings", "io.mongoose.files.StaticFiles", "io.mongoose.cgi.CgiRunner",
					"io.mongoose.dav.WebDav", "io.mongoose.auth.AccessControlList", "io.mongoose.auth.AccessLog",
					"io.mongoose.tls.PemKeyMaterial", "io.mongoose.tls.TlsContext", "io.mongoose.tls.TlsPolicy",
					"io.mongoose.http.BufferBudget"));

	/**
	 * The event loop needs nothing of the server above it, not even the API types: HTTP
	 * is one of its {@code EventHandler}s and TLS plugs in through {@code net.Transport}.
	 */
	@ArchTest
	void netKnowsOnlyItself(JavaClasses classes) {
		noClasses().that()
			.resideInAPackage("io.mongoose.net..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.mongoose", "io.mongoose.http..", "io.mongoose.ws..", "io.mongoose.files..",
					"io.mongoose.auth..", "io.mongoose.cgi..", "io.mongoose.dav..", "io.mongoose.tls..",
					"io.mongoose.cli..", "io.mongoose.client..")
			.check(classes);
	}

	/**
	 * HTTP sees WebSockets and files only through its own small interfaces
	 * ({@code Upgrader}, {@code WebSocketWriter}, {@code Fallback}), and never the
	 * {@code Server} that wires it; it uses the API types it implements
	 * ({@code Connection}, {@code Handler}, {@code Header}).
	 */
	@ArchTest
	void httpKnowsNothingAboveIt(JavaClasses classes) {
		noClasses().that()
			.resideInAPackage("io.mongoose.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.mongoose.ws..", "io.mongoose.files..", "io.mongoose.auth..", "io.mongoose.cgi..",
					"io.mongoose.dav..", "io.mongoose.tls..", "io.mongoose.cli..", "io.mongoose.client..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(Server.class)
			.check(classes);
	}

	/** The API imports no implementation, except today's arrows in {@link #API_TODAY}. */
	@ArchTest
	void apiKnowsNoImplementationBeyondTodaysList(JavaClasses classes) {
		classes().that()
			.resideInAPackage("io.mongoose")
			.should(onlyHaveDependenciesWhere(dependencyTarget(resideOutsideOfPackages(IMPLEMENTATION))
				.or(DescribedPredicate.describe("is listed in LayeringTest.API_TODAY",
						(Dependency d) -> API_TODAY.getOrDefault(topLevel(d.getOriginClass()), Set.of())
							.contains(topLevel(d.getTargetClass()))))))
			.check(classes);
	}

	@ArchTest
	void everyListedApiArrowStillExists(JavaClasses classes) {
		Set<String> stale = new TreeSet<>();
		API_TODAY.forEach((from, targets) -> targets.forEach(to -> stale.add(from + " -> " + to)));
		for (JavaClass c : classes.that(resideInAPackage("io.mongoose"))) {
			for (Dependency d : c.getDirectDependenciesFromSelf()) {
				stale.remove(topLevel(d.getOriginClass()) + " -> " + topLevel(d.getTargetClass()));
			}
		}
		assertThat(stale).as("arrows gone from the code; delete them from LayeringTest.API_TODAY").isEmpty();
	}

	/**
	 * The outbound client sits beside the server, not below it: only the API's
	 * {@code Client} reaches it, and it uses the layers it shares with the server
	 * ({@code net}, {@code http}'s parsers, {@code ws}'s frames, {@code tls}), never the
	 * server's pipeline.
	 */
	@ArchTest
	void onlyTheApiClientKnowsTheClient(JavaClasses classes) {
		noClasses().that()
			.resideOutsideOfPackage("io.mongoose.client..")
			.and()
			.doNotBelongToAnyOf(Client.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.mongoose.client..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("io.mongoose.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.mongoose.files..", "io.mongoose.auth..", "io.mongoose.cgi..", "io.mongoose.dav..",
					"io.mongoose.cli..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(Server.class)
			.check(classes);
	}

	/** The launcher is the top: nothing else in the core uses it. */
	@ArchTest
	void onlyTheLauncherKnowsTheLauncher(JavaClasses classes) {
		noClasses().that()
			.resideOutsideOfPackage("io.mongoose.cli..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.mongoose.cli..")
			.check(classes);
	}

	/** A nested or anonymous class counts as its top-level class. */
	private static String topLevel(JavaClass c) {
		JavaClass top = c;
		while (top.getEnclosingClass().isPresent()) {
			top = top.getEnclosingClass().get();
		}
		return top.getName();
	}

}
