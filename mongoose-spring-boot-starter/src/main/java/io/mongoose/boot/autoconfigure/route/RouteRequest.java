package io.mongoose.boot.autoconfigure.route;

import io.mongoose.Connection;

/**
 * What an error reply and its log line say about a request, read while the route runs
 * (the connection's state is not for the thread that may complete it later).
 */
record RouteRequest(String route, String method, String uri, String remoteIp) {

	static RouteRequest of(String route, Connection c) {
		return new RouteRequest(route, c.requestMethod(), c.uri(), c.remoteIp());
	}

	@Override
	public String toString() {
		return this.method + " " + this.uri + " from " + this.remoteIp;
	}

}
