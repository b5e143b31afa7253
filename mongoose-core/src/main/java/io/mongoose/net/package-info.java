/**
 * The event loop: one IO thread polling every socket through a selector
 * ({@code EventManager}), listening sockets and the connection limit ({@code Acceptor}),
 * one connection's socket, buffers and bounded send queue ({@code NetConnection},
 * {@code SendQueue}), and the {@code Transport} hook a TLS layer plugs into. It knows
 * nothing of HTTP or of the layers above.
 */
package io.mongoose.net;
