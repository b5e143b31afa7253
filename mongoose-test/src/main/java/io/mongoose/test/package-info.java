/**
 * The test kit: clients that talk to a running server over real sockets, for the tests of
 * the core, the starter, the sample and applications built on them. {@link RawHttp}
 * writes requests byte by byte (malformed ones too) and reads replies with their exact
 * framing; {@link RawWebSocketClient} speaks RFC 6455 frame by frame;
 * {@link WebSocketRecorder} records what a JDK {@code WebSocket} receives;
 * {@link TestCertificates} makes self-signed certificates with the JDK's keytool. JDK
 * only, no test framework: failures are {@code AssertionError}s or {@code IOException}s.
 */
package io.mongoose.test;
