package io.mongoose.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.IncludeExcludeEndpointFilter;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.ParameterValueMapper;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import io.mongoose.Handler;
import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;

/**
 * {@link AutoConfiguration Auto-configuration} that serves every exposed Actuator web
 * endpoint through Mongoose, for applications without Spring MVC or WebFlux: endpoints
 * are discovered as Boot's {@link WebEndpointDiscoverer} does (exposure with
 * {@code management.endpoints.web.exposure.*}, access, path mapping) and served under
 * {@code management.endpoints.web.base-path}, on the application's port or, with
 * {@code management.server.port}, on a listener of their own. Also contributes the
 * {@code mongoose} endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnClass({ Server.class, JsonMapper.class, WebEndpointDiscoverer.class, IncludeExcludeEndpointFilter.class })
@ConditionalOnBooleanProperty(name = "mongoose.actuator.enabled", matchIfMissing = true)
@ConditionalOnBean({ JsonMapper.class, MongooseWebServer.class })
@EnableConfigurationProperties(WebEndpointProperties.class)
@ImportRuntimeHints(MongooseEndpointRuntimeHints.class)
public final class MongooseActuatorAutoConfiguration {

	private static final String WORKER_EXECUTOR = "mongooseWorkerExecutor";

	@Bean
	ActuatorEndpoints mongooseActuatorEndpoints(ApplicationContext context, WebEndpointProperties properties,
			Environment environment, ObjectProvider<ParameterValueMapper> parameterValueMapper,
			ObjectProvider<EndpointMediaTypes> mediaTypes, ObjectProvider<OperationInvokerAdvisor> advisors,
			ObjectProvider<EndpointAccessResolver> accessResolver) {
		boolean separate = ManagementPort.of(environment) == ManagementPort.SEPARATE;
		String serverBasePath = separate ? ManagementPort.basePath(environment) : "";
		String basePath = serverBasePath + properties.getBasePath().replaceAll("/+$", "");
		Map<WebServerNamespace, List<String>> additionalPaths = Map.of(WebServerNamespace.SERVER,
				AdditionalHealthPaths.of(environment, WebServerNamespace.SERVER), WebServerNamespace.MANAGEMENT,
				separate ? AdditionalHealthPaths.of(environment, WebServerNamespace.MANAGEMENT)
					.stream()
					.map((path) -> serverBasePath + path)
					.toList() : List.of());
		Map<String, String> pathMapping = properties.getPathMapping();
		PathMapper pathMapper = (id) -> pathMapping.get(id.toString());
		EndpointFilter<ExposableWebEndpoint> exposure = new IncludeExcludeEndpointFilter<>(ExposableWebEndpoint.class,
				environment, "management.endpoints.web.exposure", EndpointExposure.WEB.getDefaultIncludes());
		List<OperationFilter<WebOperation>> access = new ArrayList<>();
		accessResolver.ifAvailable((resolver) -> access.add(OperationFilter.byAccess(resolver)));
		return new ActuatorEndpoints(basePath, additionalPaths,
				() -> new WebEndpointDiscoverer(context,
						parameterValueMapper.getIfAvailable(ConversionServiceParameterValueMapper::new),
						mediaTypes.getIfAvailable(() -> EndpointMediaTypes.DEFAULT), List.of(pathMapper), List.of(),
						advisors.orderedStream().toList(), List.of(exposure), access)
					.getEndpoints());
	}

	@Bean
	ActuatorRequestHandler.JsonCodec mongooseActuatorJson(JsonMapper jsonMapper,
			ObjectProvider<EndpointJsonMapper> endpointJsonMapper) {
		JsonMapper mapper = endpointJsonMapper.getIfAvailable(() -> () -> jsonMapper).get();
		return ActuatorRequestHandler.JsonCodec.of(mapper::writeValueAsBytes,
				(bytes) -> mapper.readValue(bytes, new TypeReference<Map<String, Object>>() {
				}));
	}

	@Bean
	MongooseServerCustomizer mongooseActuatorCustomizer(ActuatorEndpoints endpoints,
			ActuatorRequestHandler.JsonCodec json, Environment environment) {
		ManagementPort management = ManagementPort.of(environment);
		return (server) -> {
			if (management == ManagementPort.SAME) {
				String basePath = endpoints.basePath();
				server.addUriHandler(basePath.isEmpty() ? "/" : basePath, Handler
					.blocking(ActuatorRequestHandler.endpoints(endpoints, basePath, WebServerNamespace.SERVER, json)));
			}
			if (management != ManagementPort.DISABLED) {
				addAdditionalPaths(server, endpoints, WebServerNamespace.SERVER, json);
			}
		};
	}

	/**
	 * Each health group with an additional path on this server, as Spring MVC maps it.
	 */
	private static void addAdditionalPaths(Server server, ActuatorEndpoints endpoints, WebServerNamespace namespace,
			ActuatorRequestHandler.JsonCodec json) {
		for (String path : endpoints.additionalPaths(namespace)) {
			server.addPathHandler(path,
					Handler.blocking(ActuatorRequestHandler.additionalPath(endpoints, path, namespace, json)));
		}
	}

	@Bean
	@ConditionalOnMissingBean
	MongooseManagementServer mongooseManagementServer(ActuatorEndpoints endpoints,
			ActuatorRequestHandler.JsonCodec json, ConfigurableEnvironment environment,
			@Qualifier(WORKER_EXECUTOR) Executor workers) {
		String listeningPort = (ManagementPort.of(environment) == ManagementPort.SEPARATE)
				? ManagementPort.listeningPort(environment) : null;
		Duration stopTimeout = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(Duration.ofSeconds(30));
		return new MongooseManagementServer(listeningPort, stopTimeout, environment, (server) -> {
			server.setWorkerExecutor(workers);
			String basePath = endpoints.basePath();
			server.addUriHandler(basePath.isEmpty() ? "/" : basePath, Handler
				.blocking(ActuatorRequestHandler.endpoints(endpoints, basePath, WebServerNamespace.MANAGEMENT, json)));
			addAdditionalPaths(server, endpoints, WebServerNamespace.MANAGEMENT, json);
		});
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(MongooseEndpoint.class)
	MongooseEndpoint mongooseEndpoint(MongooseWebServer webServer, MongooseManagementServer managementServer,
			UriHandlerRegistrar registrar, ActuatorEndpoints endpoints) {
		return new MongooseEndpoint(webServer, managementServer, registrar, endpoints);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	static class HealthWebExtensionConfiguration {

		/**
		 * Boot's web extension of the health endpoint, made only for servlet and reactive
		 * applications: with it 'show-details', 'show-components', groups and probes
		 * apply and DOWN is a 503. The caller is anonymous ('when-authorized' shows
		 * nothing): Mongoose's own authentication does not give Actuator a principal.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(HealthEndpoint.class)
		HealthEndpointWebExtension mongooseHealthEndpointWebExtension(HealthContributorRegistry registry,
				ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry, HealthEndpointGroups groups,
				HealthEndpointProperties properties) {
			return new HealthEndpointWebExtension(registry, reactiveRegistry.getIfAvailable(), groups,
					properties.getLogging().getSlowIndicatorThreshold());
		}

	}

}
