/**
 * The outbound client on the event loop: HTTP/1.1 requests and the WebSocket handshake
 * over {@code net} connections (TLS through {@code tls.TlsClient}), responses read with
 * the HTTP layer's parser rules, kept-alive connections pooled per origin, and the
 * timeouts. Behind the API types {@code io.mongoose.Client}, {@code ClientRequest},
 * {@code ClientResponse} and {@code ClientWebSocket}; the WebSocket session itself is
 * {@code ws.ClientWebSocketSession}, on the server's frame code.
 */
package io.mongoose.client;
