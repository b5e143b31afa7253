/**
 * The servers the core's {@code HelloServer} is measured against, each with its library's
 * defaults (Netty, Undertow, Jetty), and the WebSocket fan-out client of the benchmarks:
 * one shaded jar, {@code java -jar bench-peers.jar NAME PORT [STATIC_DIR]}.
 */
package io.mongoose.benchmarks.peers;
