package io.mongoose.boot.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.mongoose.BroadcastResult;
import io.mongoose.Handler;
import io.mongoose.Option;
import io.mongoose.Reply;
import io.mongoose.Server;
import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.UriHandler;
import io.mongoose.test.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MongooseAutoConfiguration}.
 */
class MongooseAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongooseAutoConfiguration.class))
		.withPropertyValues("mongoose.listening-port=127.0.0.1:0", "spring.lifecycle.timeout-per-shutdown-phase=2s");

	@Test
	void whenEnabledIsFalseThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("mongoose.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Server.class)
				.doesNotHaveBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseServerLifecycle.class)
				.doesNotHaveBean(ConnectionBroadcaster.class));
	}

	@Test
	void whenServerClassIsMissingThenAutoConfigurationBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Server.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseWebServer.class)
				.doesNotHaveBean(MongooseProperties.class));
	}

	@Test
	void serverIsConfiguredStartedAndItsPortPublished() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Server.class)
				.hasSingleBean(MongooseWebServer.class)
				.hasSingleBean(MongooseServerLifecycle.class)
				.hasSingleBean(MongooseGracefulShutdownLifecycle.class)
				.hasSingleBean(ConnectionBroadcaster.class);
			MongooseWebServer webServer = context.getBean(MongooseWebServer.class);
			assertThat(webServer.isRunning()).isTrue();
			assertThat(webServer.getPort()).isPositive();
			assertThat(context.getEnvironment().getProperty("local.mongoose.port", Integer.class))
				.isEqualTo(webServer.getPort());
			assertThat(threadNames()).contains("mongoose-io-1");
		});
	}

	@Test
	void userDefinedServerBeanWins() {
		Server mine = Server.create("mine");
		this.contextRunner.withBean("myServer", Server.class, () -> mine).run((context) -> {
			assertThat(context).hasSingleBean(Server.class);
			assertThat(context.getBean(Server.class)).isSameAs(mine);
			assertThat(context.getBean(MongooseWebServer.class).getServers()).containsExactly(mine);
			assertThat(mine.getLocalPort()).isPositive();
		});
	}

	@Test
	void customizersAreAppliedInOrderToEveryServer() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("mongoose.threads=2")
			.run((context) -> {
				List<String> calls = context.getBean(CustomizerConfiguration.class).calls;
				assertThat(calls).containsExactly("first", "second", "first", "second");
			});
	}

	@Test
	void threadsShareOneListeningSocketEachWithItsOwnIoThread() {
		this.contextRunner.withPropertyValues("mongoose.threads=3").run((context) -> {
			MongooseWebServer webServer = context.getBean(MongooseWebServer.class);
			assertThat(webServer.getServers()).hasSize(3)
				.allSatisfy((server) -> assertThat(server.getLocalPort()).isEqualTo(webServer.getPort()));
			assertThat(threadNames()).contains("mongoose-io-1", "mongoose-io-2", "mongoose-io-3");
		});
	}

	@Test
	void reusePortGivesEachThreadItsOwnSocketOnOnePort() {
		this.contextRunner.withUserConfiguration(ThreadNameConfiguration.class)
			.withPropertyValues("mongoose.threads=2", "mongoose.reuse-port=true")
			.run((context) -> {
				MongooseWebServer webServer = context.getBean(MongooseWebServer.class);
				List<Server> servers = webServer.getServers();
				assertThat(servers).allSatisfy((server) -> {
					assertThat(server.getLocalPort()).isEqualTo(webServer.getPort());
					assertThat(server.getOption("reuse_port")).isEqualTo("yes");
				});
				assertThat(servers.get(1).getListeningSocket()).isNotSameAs(servers.get(0).getListeningSocket());
				// the kernel picks a socket per connection: 200 connections reach both
				Set<String> threads = new java.util.HashSet<>();
				for (int i = 0; i < 200 && threads.size() < 2; i++) {
					threads.add(RawHttp.request(webServer.getPort(), "GET", "/thread").text());
				}
				assertThat(threads).containsExactlyInAnyOrder("mongoose-io-1", "mongoose-io-2");
			});
	}

	@Test
	void typedPropertiesAndRawOptionsAreApplied() {
		this.contextRunner
			.withPropertyValues("mongoose.limits.max-headers=50", "mongoose.limits.idle-timeout=5s",
					"mongoose.limits.max-body-size=2MB", "mongoose.limits.max-buffered-bytes=64MB",
					"mongoose.static-files.directory-listing=false", "mongoose.static-files.index-files=a.html,b.html",
					"mongoose.static-files.mime-types.ts=video/mp2t", "mongoose.websocket.slow-reader=close",
					"mongoose.options.auth_domain=example.org", "mongoose.options.max-connections=7")
			.run((context) -> {
				Server server = context.getBean(Server.class);
				assertThat(server.getOption("max_headers")).isEqualTo("50");
				assertThat(server.getOption("idle_timeout_ms")).isEqualTo("5000");
				assertThat(server.getOption("max_body_size")).isEqualTo(Long.toString(2 * 1024 * 1024));
				assertThat(server.getOption("max_buffered_bytes")).isEqualTo(Long.toString(64 * 1024 * 1024));
				assertThat(server.getOption("enable_directory_listing")).isEqualTo("no");
				assertThat(server.getOption("index_files")).isEqualTo("a.html,b.html");
				assertThat(server.getOption("extra_mime_types")).isEqualTo(".ts=video/mp2t");
				assertThat(server.getOption("websocket_slow_reader")).isEqualTo("close");
				assertThat(server.getOption("auth_domain")).isEqualTo("example.org");
				assertThat(server.getOption("max_connections")).isEqualTo("7");
			});
	}

	@Test
	void websocketAllowedOriginsAreAppliedAndValidatedAtBinding() {
		this.contextRunner
			.withPropertyValues("mongoose.websocket.allowed-origins=https://app.example.com, http://localhost:3000")
			.run((context) -> assertThat(context.getBean(Server.class).getOption("websocket_allowed_origins"))
				.isEqualTo("https://app.example.com,http://localhost:3000"));
		this.contextRunner.withPropertyValues("mongoose.websocket.allowed-origins=app.example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("websocket.allowedOrigins")
				.hasMessageContaining("'app.example.com' is not * or an origin"));
	}

	@Test
	void extraHeadersAreAppliedAndValidatedAtBinding() {
		this.contextRunner
			.withPropertyValues("mongoose.extra-headers.X-Content-Type-Options=nosniff",
					"mongoose.extra-headers.Referrer-Policy=same-origin")
			.run((context) -> assertThat(context.getBean(Server.class).getOption("extra_headers"))
				.isEqualTo("X-Content-Type-Options: nosniff\nReferrer-Policy: same-origin"));
		this.contextRunner.withPropertyValues("mongoose.extra-headers.X-Empty=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("extraHeaders")
				.hasMessageContaining("Invalid extra_headers line"));
	}

	@Test
	void rawListeningPortOptionWinsOverTheTypedProperty() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
			this.contextRunner
				.withPropertyValues("mongoose.listening-port=" + taken.getLocalPort(),
						"mongoose.options.listening_port=127.0.0.1:0")
				.run((context) -> assertThat(context.getBean(MongooseWebServer.class).getPort()).isPositive()
					.isNotEqualTo(taken.getLocalPort()));
		}
	}

	@Test
	void badRawOptionFailsWithOptionNameAndServerError() {
		this.contextRunner.withPropertyValues("mongoose.options.enable_directory_listing=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'enable_directory_listing'")
				.hasMessageContaining("mongoose.options.enable_directory_listing")
				.hasMessageContaining("expected yes or no"));
	}

	@Test
	void unknownRawOptionFails() {
		this.contextRunner.withPropertyValues("mongoose.options.no_such=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("No such option: no_such"));
	}

	@Test
	void badDocumentRootFailsWithTheServerError() {
		this.contextRunner.withPropertyValues("mongoose.static-files.document-root=/does/not/exist")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mongoose.static-files.document-root")
				.hasMessageContaining("is not a directory"));
	}

	@Test
	void invalidPropertyValuesFailValidation() {
		this.contextRunner.withPropertyValues("mongoose.threads=0", "mongoose.listening-port=99999").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("prefix=mongoose")
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("threads")
				.hasMessageContaining("must be between 1 and 1024")
				.hasMessageContaining("listeningPort");
		});
	}

	@Test
	void uriHandlerBeansAreRegistered() {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class).run((context) -> {
			UriHandlerRegistrar registrar = context.getBean(UriHandlerRegistrar.class);
			assertThat(registrar.getRoutes()).containsExactly(Map.entry("/a", "handlerA"),
					Map.entry("/a/b", "handlerB"));
			assertThat(registrar.findPrefix("/a/b/c")).isEqualTo("/a/b");
			assertThat(registrar.findPrefix("/x")).isNull();
		});
	}

	@Test
	void duplicatePrefixesFailNamingBothBeans() {
		this.contextRunner.withUserConfiguration(DuplicateHandlersConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'/same'")
				.hasMessageContaining("'first'")
				.hasMessageContaining("'second'"));
	}

	@Test
	void annotatedBeanThatIsNotAHandlerFails() {
		this.contextRunner.withBean("notAHandler", NotAHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'notAHandler'")
				.hasMessageContaining("does not implement io.mongoose.Handler"));
	}

	@Test
	void immediateShutdownHasNoGracefulLifecycle() {
		this.contextRunner.withPropertyValues("mongoose.shutdown=immediate")
			.run((context) -> assertThat(context).doesNotHaveBean(MongooseGracefulShutdownLifecycle.class)
				.hasSingleBean(MongooseServerLifecycle.class));
	}

	@Test
	void lifecyclesUseBootPhasesAndAreNotPauseable() {
		this.contextRunner.run((context) -> {
			MongooseServerLifecycle server = context.getBean(MongooseServerLifecycle.class);
			MongooseGracefulShutdownLifecycle graceful = context.getBean(MongooseGracefulShutdownLifecycle.class);
			assertThat(server.getPhase()).isEqualTo(Integer.MAX_VALUE - 2048);
			assertThat(graceful.getPhase()).isEqualTo(Integer.MAX_VALUE - 1024);
			assertThat(server.isPauseable()).isFalse();
			assertThat(graceful.isPauseable()).isFalse();
		});
	}

	@Test
	void serverBeanDoesNotBindUntilTheLifecycleStarts() {
		List<Integer> portsAtCreation = new ArrayList<>();
		this.contextRunner
			.withBean(MongooseServerCustomizer.class, () -> (server) -> portsAtCreation.add(server.getLocalPort()))
			.run((context) -> {
				assertThat(portsAtCreation).containsExactly(-1);
				assertThat(context.getBean(Server.class).getLocalPort()).isPositive();
			});
	}

	@Test
	void broadcasterWritesJsonWhenJacksonIsPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class)).run((context) -> {
			BroadcastResult result = context.getBean(ConnectionBroadcaster.class)
				.under("/ws")
				.sendJson(Map.of("a", 1))
				.get(5, TimeUnit.SECONDS);
			assertThat(result).isEqualTo(new BroadcastResult(0, 0, 0));
		});
	}

	@Test
	void broadcasterWithoutJacksonRefusesJson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			ConnectionBroadcaster broadcaster = context.getBean(ConnectionBroadcaster.class);
			assertThat(broadcaster.sendText("hi").get(5, TimeUnit.SECONDS).reached()).isZero();
			assertThatIllegalStateException().isThrownBy(() -> broadcaster.sendJson(Map.of()))
				.withMessageContaining("JSON");
		});
	}

	@Test
	void everyCoreOptionHasAProperty() throws Exception {
		Set<String> unsupported = Set.of("run_as_user");
		List<CoreOptions.Entry> entries = CoreOptions.of(new MongooseProperties());
		String metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = new String(in.readAllBytes());
		}
		for (Option option : Option.all()) {
			List<CoreOptions.Entry> properties = entries.stream()
				.filter((entry) -> entry.option().equals(option.name()))
				.toList();
			if (unsupported.contains(option.name())) {
				assertThat(properties).as(option.name()).isEmpty();
				continue;
			}
			assertThat(properties).as(option.name())
				.singleElement()
				.satisfies((entry) -> assertThat(metadata).as(entry.property())
					.contains("\"name\": \"" + entry.property() + "\""));
		}
	}

	@Test
	void defaultPropertiesMatchTheCoreDefaults() {
		Map<String, String> options = new MongooseProperties().toOptions();
		Server.validOptionNames().forEach((name, coreDefault) -> {
			if (coreDefault != null && options.containsKey(name)) {
				assertThat(options.get(name)).as(name).isEqualTo(coreDefault);
			}
		});
	}

	private static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		MongooseServerCustomizer second() {
			return (server) -> this.calls.add("second");
		}

		@Bean
		@Order(1)
		MongooseServerCustomizer first() {
			return (server) -> this.calls.add("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		HandlerA handlerA() {
			return new HandlerA();
		}

		@Bean
		HandlerB handlerB() {
			return new HandlerB();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadNameConfiguration {

		@Bean
		ThreadNameHandler threadNameHandler() {
			return new ThreadNameHandler();
		}

	}

	@UriHandler("/thread")
	static class ThreadNameHandler implements Handler {

		@Override
		public Result handle(io.mongoose.Connection connection) {
			connection.send(Reply.of(200).body(Thread.currentThread().getName()));
			return Result.DONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateHandlersConfiguration {

		@Bean
		SameA first() {
			return new SameA();
		}

		@Bean
		SameB second() {
			return new SameB();
		}

	}

	@UriHandler("/a")
	static class HandlerA implements Handler {

		@Override
		public Result handle(io.mongoose.Connection connection) {
			return Result.NOT_HANDLED;
		}

	}

	@UriHandler("/a/b")
	static class HandlerB implements Handler {

		@Override
		public Result handle(io.mongoose.Connection connection) {
			return Result.NOT_HANDLED;
		}

	}

	@UriHandler("/same")
	static class SameA implements Handler {

		@Override
		public Result handle(io.mongoose.Connection connection) {
			return Result.NOT_HANDLED;
		}

	}

	@UriHandler("/same")
	static class SameB implements Handler {

		@Override
		public Result handle(io.mongoose.Connection connection) {
			return Result.NOT_HANDLED;
		}

	}

	@UriHandler("/oops")
	static class NotAHandler {

	}

}
