package io.mongoose.boot.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.mongoose.Handler;
import io.mongoose.Server;
import io.mongoose.boot.MongooseServerCustomizer;
import io.mongoose.boot.autoconfigure.MongooseAutoConfiguration;

/**
 * {@link AutoConfiguration Auto-configuration} that serves the Actuator {@code health}
 * and {@code metrics} endpoints through Mongoose under
 * {@code management.endpoints.web.base-path} ({@code /actuator}) when the application has
 * no other web server: each endpoint is served when its bean exists (Actuator creates it
 * when the endpoint is enabled and exposed, see
 * {@code management.endpoints.web.exposure.include}). JSON is written by Boot's
 * {@link JsonMapper}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MongooseAutoConfiguration.class,
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration" })
@ConditionalOnClass({ Server.class, JsonMapper.class,
		org.springframework.boot.actuate.endpoint.annotation.Endpoint.class })
@ConditionalOnBooleanProperty(name = "mongoose.actuator.enabled", matchIfMissing = true)
@ConditionalOnBean(JsonMapper.class)
public final class MongooseActuatorAutoConfiguration {

	@Bean
	MongooseServerCustomizer mongooseActuatorCustomizer(ObjectProvider<ActuatorOperation> operations,
			JsonMapper jsonMapper, Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator")
			.replaceAll("/+$", "");
		// endpoints may block (health checks call databases, thread and heap dumps take a
		// while):
		// they run on the worker executor, never on the IO thread
		return (server) -> server.addUriHandler(basePath.isEmpty() ? "/" : basePath,
				Handler.blocking(new MongooseActuatorHandler(basePath, () -> operations.orderedStream().toList(),
						jsonMapper::writeValueAsString)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	static class HealthConfiguration {

		/**
		 * Reads health as Boot's web extension does, so
		 * 'management.endpoint.health.show-details' and 'show-components' (and groups)
		 * apply: HealthEndpoint itself always shows everything. The caller is anonymous
		 * here ('when-authorized' shows nothing), since Mongoose's own authentication
		 * does not give Actuator a principal.
		 */
		@Bean
		@ConditionalOnBean(HealthEndpoint.class)
		ActuatorOperation mongooseHealthOperation(HealthContributorRegistry registry,
				ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry, HealthEndpointGroups groups,
				HealthEndpointProperties properties) {
			HealthEndpointWebExtension health = new HealthEndpointWebExtension(registry,
					reactiveRegistry.getIfAvailable(), groups, properties.getLogging().getSlowIndicatorThreshold());
			return new ActuatorOperation() {

				@Override
				public String id() {
					return "health";
				}

				@Override
				public Response read(List<String> path, Map<String, List<String>> query) {
					WebEndpointResponse<HealthDescriptor> response = health.health(ApiVersion.V3, null,
							SecurityContext.NONE, path.toArray(String[]::new));
					return (response.getBody() != null) ? new Response(response.getStatus(), response.getBody()) : null;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MetricsEndpoint.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnBean(MetricsEndpoint.class)
		ActuatorOperation mongooseMetricsOperation(MetricsEndpoint endpoint) {
			return new ActuatorOperation() {

				@Override
				public String id() {
					return "metrics";
				}

				@Override
				public Response read(List<String> path, Map<String, List<String>> query) {
					if (path.isEmpty()) {
						return new Response(200, endpoint.listNames());
					}
					if (path.size() > 1) {
						return null;
					}
					List<String> tags = query.getOrDefault("tag", List.of());
					for (String tag : tags) {
						if (tag.indexOf(':') <= 0) {
							throw new IllegalArgumentException(
									"Each tag parameter must be in the form 'key:value' but was: " + tag);
						}
					}
					Object metric = endpoint.metric(path.get(0), tags);
					return (metric != null) ? new Response(200, metric) : null;
				}

			};
		}

	}

}
