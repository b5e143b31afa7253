package io.mongoose.boot.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;

import io.mongoose.Router;
import io.mongoose.Server;
import io.mongoose.boot.MongooseWebServer;
import io.mongoose.boot.autoconfigure.UriHandlerRegistrar;

/**
 * The {@code mongoose} Actuator endpoint ({@code /actuator/mongoose}): the route table,
 * each server with its ports, IO threads, open connections and WebSockets, and the core
 * options in effect.
 *
 * @since 0.1.0
 */
@Endpoint(id = "mongoose")
public class MongooseEndpoint {

	private final MongooseWebServer webServer;

	private final MongooseManagementServer managementServer;

	private final UriHandlerRegistrar registrar;

	private final ActuatorEndpoints endpoints;

	MongooseEndpoint(MongooseWebServer webServer, MongooseManagementServer managementServer,
			UriHandlerRegistrar registrar, ActuatorEndpoints endpoints) {
		this.webServer = webServer;
		this.managementServer = managementServer;
		this.registrar = registrar;
		this.endpoints = endpoints;
	}

	/**
	 * Describes the running server.
	 * @return the descriptor
	 */
	@ReadOperation
	public MongooseDescriptor mongoose() {
		List<RouteDescriptor> routes = new ArrayList<>();
		for (UriHandlerRegistrar.Registration registration : this.registrar.getRegistrations()) {
			if (registration.routes().isEmpty()) {
				routes.add(new RouteDescriptor(registration.prefix(), List.of("*"), registration.beanName(),
						registration.type(), registration.blocking()));
			}
			for (Router.Route route : registration.routes()) {
				routes.add(new RouteDescriptor(registration.pathOf(route), List.of(route.method()),
						registration.beanName(), registration.type(), route.handler().isBlocking()));
			}
		}
		MongooseWebServer management = this.managementServer.getWebServer();
		String basePath = this.endpoints.basePath();
		for (EndpointRoute route : this.endpoints.routes()) {
			routes.add(new RouteDescriptor(basePath + "/" + route.operation().getRequestPredicate().getPath(),
					List.of(route.method()), "actuator:" + route.operation().getId(), null, true));
		}
		for (WebServerNamespace namespace : List.of(WebServerNamespace.SERVER, WebServerNamespace.MANAGEMENT)) {
			for (String path : this.endpoints.additionalPaths(namespace)) {
				routes.add(new RouteDescriptor(path, List.of("GET"), "actuator:health", null, true));
			}
		}
		List<ServerDescriptor> servers = new ArrayList<>();
		servers.add(describe("application", this.webServer));
		if (management != null) {
			servers.add(describe("management", management));
		}
		return new MongooseDescriptor(routes, servers, options(this.webServer.getServers().get(0)));
	}

	private static ServerDescriptor describe(String name, MongooseWebServer server) {
		List<PortDescriptor> ports = new ArrayList<>();
		if (server.isRunning()) {
			for (Server.ListeningPort port : server.getServers().get(0).getListeningPorts()) {
				ports.add(new PortDescriptor(port.address().getAddress().getHostAddress(), port.port(), port.scheme()));
			}
		}
		return new ServerDescriptor(name, server.isRunning(), server.getServers().size(), ports,
				server.getConnectionCount(), server.getWebSocketCount());
	}

	private static Map<String, String> options(Server server) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String name : Server.validOptionNames().keySet()) {
			String value = server.getOption(name);
			if (value != null && !value.isEmpty()) {
				options.put(name, value);
			}
		}
		return options;
	}

	/**
	 * What {@code /actuator/mongoose} returns.
	 *
	 * @param routes the handlers: {@code @UriHandler} beans and Actuator operations
	 * @param servers the application's server and the management server, if any
	 * @param options the core options in effect (set ones only)
	 */
	public record MongooseDescriptor(List<RouteDescriptor> routes, List<ServerDescriptor> servers,
			Map<String, String> options) {
	}

	/**
	 * One route.
	 *
	 * @param path the URI prefix of a handler bean, the template of a route (a
	 * {@code Router}'s or an annotated method's, below its bean's prefix), or the
	 * operation's path template, or a health group's additional path
	 * @param methods the methods it answers ({@code *}: the handler decides)
	 * @param handler the bean name, or {@code actuator:<operation>}
	 * @param type the bean's class, {@code null} for an Actuator operation
	 * @param blocking whether it runs on the worker executor
	 */
	public record RouteDescriptor(String path, List<String> methods, String handler, @Nullable String type,
			boolean blocking) {
	}

	/**
	 * One server: one or more instances sharing its listening sockets.
	 *
	 * @param name {@code application} or {@code management}
	 * @param running whether every IO thread polls
	 * @param threads the IO threads (server instances)
	 * @param ports the listening sockets
	 * @param connections the open client connections, WebSockets included
	 * @param webSockets the open WebSockets
	 */
	public record ServerDescriptor(String name, boolean running, int threads, List<PortDescriptor> ports,
			int connections, int webSockets) {
	}

	/**
	 * One listening socket.
	 *
	 * @param address the bound address
	 * @param port the port
	 * @param scheme {@code http} or {@code https}
	 */
	public record PortDescriptor(String address, int port, String scheme) {
	}

}
