/**
 * WebSockets (RFC 6455): the handshake, frame decoding and encoding straight from the
 * receive buffer, fragment reassembly, UTF-8 and close-code checks, pings and the closing
 * handshake, and writes and broadcasts from any thread.
 */
package io.mongoose.ws;
