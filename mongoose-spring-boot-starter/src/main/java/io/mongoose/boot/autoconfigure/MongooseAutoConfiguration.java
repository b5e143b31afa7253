package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import io.mongoose.Client;
import io.mongoose.RequestListener;
import io.mongoose.RequestObserver;
import io.mongoose.Server;
import io.mongoose.boot.ConnectionBroadcaster;
import io.mongoose.boot.MongooseErrorHandler;
import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.relay.BroadcastRelay;

/**
 * {@link AutoConfiguration Auto-configuration} for the Mongoose server: builds the
 * {@link Server} instances from {@link MongooseProperties}, registers the
 * {@link io.mongoose.boot.UriHandler @UriHandler} beans, runs the poll loops in lifecycle
 * beans and exposes a {@link ConnectionBroadcaster}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(Server.class)
@ConditionalOnBooleanProperty(name = "mongoose.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MongooseProperties.class)
@Import({ MongooseWorkerExecutorConfiguration.class, MongooseCorsConfiguration.class })
public final class MongooseAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MongooseAutoConfiguration.class);

	private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnProperty("mongoose.ssl.bundle")
	SslBundleCustomizer mongooseSslBundleCustomizer(SslBundles sslBundles, MongooseProperties properties) {
		return new SslBundleCustomizer(sslBundles, properties.getSsl().getBundle(),
				properties.getSsl().getClientAuth() != SslProperties.ClientAuth.NONE);
	}

	@Bean
	MongooseServerFactory mongooseServerFactory(MongooseProperties properties,
			ObjectProvider<MongooseServerCustomizer> customizers, ResourceLoader resourceLoader,
			Environment environment) {
		ServerCompression.fallBack(environment, properties.getCompression());
		return new MongooseServerFactory(properties, customizers.orderedStream().toList(), resourceLoader);
	}

	@Bean
	@ConditionalOnMissingBean(Server.class)
	Server mongooseServer(MongooseServerFactory factory) {
		return factory.create();
	}

	/**
	 * The outbound HTTP and WebSocket client on the {@code Server} bean's IO thread; an
	 * application's own {@code Client} bean (from {@code Client.builder(server)})
	 * replaces it.
	 */
	@Bean
	@ConditionalOnMissingBean
	Client mongooseClient(Server server) {
		return Client.create(server);
	}

	@Bean
	UriHandlerRegistrar uriHandlerRegistrar(ListableBeanFactory beanFactory) {
		return new UriHandlerRegistrar(beanFactory);
	}

	@Bean
	MongooseWorkers mongooseWorkers(@Qualifier(MongooseWorkerExecutorConfiguration.BEAN_NAME) Executor executor) {
		return new MongooseWorkers(executor);
	}

	@Bean
	@ConditionalOnMissingBean
	MongooseWebServer mongooseWebServer(Server server, MongooseServerFactory factory, MongooseProperties properties,
			UriHandlerRegistrar registrar, MongooseWorkers workers, ObjectProvider<MongooseErrorHandler> errorHandler,
			ObjectProvider<RequestListener> requestListeners, ObjectProvider<RequestObserver> requestObserver,
			ConfigurableEnvironment environment, ApplicationContext context) {
		List<Server> servers = new ArrayList<>();
		servers.add(server);
		if (factory.isCreated(server)) {
			for (int i = 1; i < properties.getThreads(); i++) {
				servers.add(factory.create());
			}
		}
		else if (properties.getThreads() > 1) {
			logger.warn("Ignoring mongoose.threads=" + properties.getThreads()
					+ " for the user-defined Server bean: it is polled by one IO thread");
		}
		String listeningPort = ListeningPorts.resolve(environment, factory.listeningPort());
		OtherWebServerCheck.check(context, environment, listeningPort);
		MongooseWebServer webServer = new MongooseWebServer(servers, listeningPort, properties.getPollTimeout(),
				shutdownTimeout(environment), (each) -> {
					registrar.register(each);
					each.setWorkerExecutor(workers.executor());
					each.setHttpErrorHandler(errorHandler.getIfAvailable(registrar::errorPages));
					requestListeners.orderedStream().forEach(each::addRequestListener);
					requestObserver.ifUnique(each::setRequestObserver);
				});
		webServer.setLoopFailureListener(new LoopFailureHandler(context, properties.getLoopFailure()));
		webServer.setListening(properties.isListen());
		return webServer;
	}

	@Bean
	@ConditionalOnMissingBean
	MongooseServerLifecycle mongooseServerLifecycle(MongooseWebServer webServer, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher) {
		return new MongooseServerLifecycle(webServer, environment, eventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "mongoose.shutdown", havingValue = "graceful", matchIfMissing = true)
	MongooseGracefulShutdownLifecycle mongooseGracefulShutdownLifecycle(MongooseWebServer webServer,
			ConfigurableEnvironment environment) {
		return new MongooseGracefulShutdownLifecycle(webServer, shutdownTimeout(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionBroadcaster connectionBroadcaster(MongooseWebServer webServer, ObjectProvider<BroadcastRelay> relay) {
		return new ConnectionBroadcaster(webServer, null, relay.getIfUnique());
	}

	private static Duration shutdownTimeout(ConfigurableEnvironment environment) {
		return Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonBroadcasterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(JsonMapper.class)
		ConnectionBroadcaster connectionBroadcaster(MongooseWebServer webServer, JsonMapper jsonMapper,
				ObjectProvider<BroadcastRelay> relay) {
			return new ConnectionBroadcaster(webServer, jsonMapper::writeValueAsString, relay.getIfUnique());
		}

	}

}
