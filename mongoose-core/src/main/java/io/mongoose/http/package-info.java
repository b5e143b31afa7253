/**
 * HTTP/1.1 on top of the event loop: the strict in-place request parser, the
 * per-connection state machine (body, dispatch, keep-alive, pipelining, timeouts, error
 * replies), reply framing, routing by URI prefix, and the parsers users reach through
 * {@code Connection}. WebSockets and files plug in through its {@code Upgrader},
 * {@code WebSocketWriter} and {@code Fallback} interfaces.
 */
package io.mongoose.http;
