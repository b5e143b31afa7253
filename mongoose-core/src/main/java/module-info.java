/**
 * Mongoose for Java: an embedded web server. Users see the package {@code io.mongoose}
 * only; every other package is the implementation, used across the module's own packages
 * and exported to no one.
 */
module io.mongoose {

	exports io.mongoose;

	// not exported: net, http, ws, files, auth, cgi, dav, tls, cli and client (the
	// outbound HTTP and WebSocket client behind io.mongoose.Client)

}
