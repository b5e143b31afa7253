package io.mongoose;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * A client connection as a handler sees it: the current request (or WebSocket frame) and
 * the means to answer. The Java form of the original's {@code struct mg_connection}.
 * <p>
 * Threading: everything here is for the IO thread (inside a handler or an
 * {@link Server#iterateOverConnections} callback), or for the worker thread that runs a
 * {@link Handler#blocking blocking} handler on it, except {@link #write},
 * {@link #websocketWrite} and {@link #sendEvent}, which are safe from any thread. A
 * connection that outlived its socket is harmless: writes to it return 0.
 */
public interface Connection {

	// ---- the request
	// -------------------------------------------------------------------------

	/** {@code "GET"}, {@code "POST"}, ... as sent. */
	String requestMethod();

	/** The percent-decoded, normalised path, without the query string. */
	String uri();

	/** {@code "1.0"} or {@code "1.1"}. */
	String httpVersion();

	/**
	 * The text after {@code ?}, still percent-encoded, or {@code null} if there was none.
	 */
	String queryString();

	String remoteIp();

	int remotePort();

	String localIp();

	int localPort();

	/** The request headers in the order received. */
	List<Header> headers();

	/** The first header with this name (case-insensitive), or {@code null}. */
	String getHeader(String name);

	/**
	 * The buffered request body, or the payload of the current WebSocket frame; never
	 * null.
	 */
	byte[] content();

	/** Whether this connection completed a WebSocket handshake. */
	boolean isWebSocket();

	/**
	 * The subject of the client certificate the TLS handshake verified
	 * ({@code ssl_client_auth} {@code want} or {@code need}), or {@code null} on a plain
	 * connection or when the client sent none.
	 */
	default Principal tlsPeerPrincipal() {
		return null;
	}

	/**
	 * The first byte of the current WebSocket frame (FIN, RSV and opcode bits); for a
	 * long-running HTTP handler, 1 on the last call made while the connection closes.
	 */
	int wsBits();

	/** The reply status once set; for the error handler, the error being reported. */
	int statusCode();

	/** The object given to {@link Server#create(Object)}. */
	Object serverParam();

	/** A free slot for the application; survives keep-alive requests. */
	Object connectionParam();

	void setConnectionParam(Object value);

	/**
	 * A form variable from the query string, else from a form-encoded body, URL-decoded.
	 * @return the value, or {@code null} if the variable is absent
	 */
	String getVar(String name);

	/**
	 * The seed's {@code mg_get_var}: decodes the variable into {@code buffer}
	 * (NUL-terminated).
	 * @return the decoded length, -1 if the variable is absent, -2 if {@code buffer} is
	 * null, empty or too small
	 */
	int getVar(String name, byte[] buffer);

	/**
	 * The seed's {@code mg_parse_header}: a variable of an {@code Authorization}- or
	 * {@code Cookie}-style header such as {@code x=123, y="other value"}.
	 * @return the value, or {@code null} if the variable is absent
	 */
	static String parseHeader(String header, String name) {
		return HeaderParams.parseHeader(header, name);
	}

	/**
	 * {@link #parseHeader(String, String)} into a buffer, NUL-terminated.
	 * @return the value's length, or 0 if absent or {@code buffer} is too small
	 */
	static int parseHeader(String header, String name, byte[] buffer) {
		return HeaderParams.parseHeader(header, name, buffer);
	}

	// ---- replying (IO thread)
	// -----------------------------------------------------------------

	/**
	 * Sets the status line, once; later calls are ignored. It is queued with the headers
	 * when the body starts or the handler returns; headers that no body follows end with
	 * an empty one.
	 */
	Connection sendStatus(int status);

	/**
	 * Adds a header line, after an implicit {@code 200} status line if none was sent.
	 * @throws IllegalArgumentException if the name is not a token (RFC 9110) or the value
	 * holds a control character other than HTAB or a character above U+00FF; nothing is
	 * sent, and if the handler lets it escape the request is answered with a 500
	 */
	Connection sendHeader(String name, String value);

	/**
	 * Sends body data: chunked for HTTP/1.1, close-delimited for HTTP/1.0. The server
	 * ends the body when the handler returns {@link Handler.Result#DONE}. Zero bytes send
	 * nothing.
	 * @return bytes queued (0 if the send queue is full)
	 */
	int sendData(byte[] data);

	int sendData(String text);

	/** {@link String#format} then {@link #sendData(String)}. */
	int printfData(String format, Object... args);

	/**
	 * Sends a whole reply with {@code Content-Length} (and no body for HEAD).
	 * @return bytes queued; 0 if the reply does not fit the send queue, in which case
	 * nothing was sent and the handler may still answer otherwise (else the request gets
	 * a 500)
	 * @throws IllegalArgumentException if {@code contentType} is not valid header text
	 * (see {@link #sendHeader})
	 */
	int sendReply(int status, String contentType, byte[] body);

	int sendReply(int status, String contentType, String body);

	/**
	 * Sends {@code file} as the reply body with {@code Content-Length}, after the status
	 * and headers set so far ({@code 200} by default). The bytes go from disk to the
	 * socket as it drains, as static files do: the heap never holds the file, and the
	 * send queue's limit does not count it. A HEAD request gets the head only. A
	 * {@code GET} with a single {@code Range}, when no status was set, gets {@code 206}
	 * and that range ({@code 416} when the file holds none of it). IO thread only.
	 * @param contentType the {@code Content-Type}, or {@code null} for none (then set it
	 * with {@link #sendHeader})
	 * @return false if the head did not fit the send queue: nothing is sent and the
	 * connection closes
	 * @throws IOException if the file cannot be opened; nothing was sent
	 * @throws IllegalStateException if the body already started
	 */
	boolean sendFile(Path file, String contentType) throws IOException;

	/**
	 * Keeps the current request open after the handler returns (its result is then
	 * ignored): the reply comes later, from any thread, through the handle. Meanwhile the
	 * connection parses no further request. Unanswered after {@code async_timeout_ms} it
	 * gets a {@code 503}; a client that closes cancels it. Inside a handler only.
	 * @throws IllegalStateException on a WebSocket, or if the request is already
	 * suspended
	 */
	AsyncReply suspend();

	// ---- thread-safe
	// ---------------------------------------------------------------------------

	/**
	 * Queues raw bytes; safe from any thread. Nothing is added: an HTTP reply written
	 * this way carries its own status line, headers and framing.
	 * @return {@code length} if queued; 0 if the connection is closed or its send queue
	 * is full, in which case nothing was queued
	 */
	int write(byte[] data, int offset, int length);

	default int write(byte[] data) {
		return write(data, 0, data.length);
	}

	/**
	 * Queues one WebSocket frame (FIN set, unmasked); safe from any thread.
	 * @param opcode one of {@code WebSocketOpcodes} (1 text, 2 binary, 8 close, 9 ping,
	 * 10 pong)
	 * @return bytes queued, or 0 if this is not an open WebSocket or its send queue is
	 * full
	 */
	int websocketWrite(int opcode, byte[] data);

	/** A text frame with {@code text} in UTF-8; safe from any thread. */
	int websocketWrite(String text);

	/**
	 * Queues one event on an open event stream ({@link EventStreamHandler}); safe from
	 * any thread. A full send queue drops it, and with
	 * {@code websocket_slow_reader=close} closes the stream.
	 * @return bytes queued, or 0 if this is not an open event stream or its send queue is
	 * full
	 */
	default int sendEvent(ServerSentEvent event) {
		return 0;
	}

	/**
	 * Whether this connection became an event stream ({@link EventStreamHandler}); it
	 * stays one once closed ({@link #isClosed}).
	 */
	default boolean isEventStream() {
		return false;
	}

	/** Whether the socket is closed (or closing); writes then return 0. */
	boolean isClosed();

	/**
	 * Closes after pending output is flushed (a WebSocket gets a close frame first); any
	 * thread.
	 */
	void close();

	// ---- routing
	// -----------------------------------------------------------------------------

	/**
	 * A capture of the {@link Router} route that serves the request ({@code "id"} of
	 * {@code /users/{id}}), decoded, or {@code null}.
	 */
	default String pathVariable(String name) {
		return pathVariables().get(name);
	}

	/** Every capture of the request's route; empty when no router matched it. */
	default Map<String, String> pathVariables() {
		return Map.of();
	}

	/**
	 * The full template of the request's route, prefix included (for example
	 * {@code "/users/{id}"}), or {@code null} when no router route matched.
	 */
	default String matchedRoute() {
		return null;
	}

	// ---- cookies and reply headers
	// -------------------------------------------------------------

	/**
	 * The value of the request's cookie {@code name} (from its {@code Cookie} headers,
	 * RFC 6265bis; surrounding quotes removed), or {@code null}. Garbage in the header is
	 * skipped, never an exception.
	 */
	default String cookie(String name) {
		if (name == null) {
			return null;
		}
		for (Header header : headers()) {
			if (header.name().equalsIgnoreCase("Cookie")) {
				String value = Cookie.valueIn(header.value(), name);
				if (value != null) {
					return value;
				}
			}
		}
		return null;
	}

	/**
	 * Adds a header to the reply of the current request, however it is then sent
	 * ({@link #sendReply}, {@link #sendStatus}, an error page, a file): for cookies and
	 * other headers decided before the reply. Once the status line is sent it is
	 * {@link #sendHeader}.
	 * @throws IllegalArgumentException if the header is not valid (see
	 * {@link #sendHeader})
	 */
	default Connection addReplyHeader(String name, String value) {
		return sendHeader(name, value);
	}

	/**
	 * Adds {@code Set-Cookie} with {@code cookie} to the reply ({@link #addReplyHeader}).
	 */
	default Connection setCookie(Cookie cookie) {
		return addReplyHeader("Set-Cookie", cookie.toString());
	}

	// ---- whole replies and errors (IO thread)
	// --------------------------------------------------

	/**
	 * Sends a whole reply: its status, its headers, {@code Content-Length}, {@code Date},
	 * then its body (none for HEAD, 1xx, 204 and 304). <pre>{@code
	 * conn.send(Reply.of(201).header("Location", "/users/7").body("created\n"));
	 * }</pre>
	 * @return true if queued; false if it does not fit the send queue, in which case
	 * nothing was sent and the handler may still answer otherwise (else the request gets
	 * a 500)
	 * @throws IllegalArgumentException if a header is not valid header text (see
	 * {@link #sendHeader})
	 * @throws IllegalStateException if a status line was already sent
	 * @throws java.io.UncheckedIOException if the reply's file cannot be read
	 */
	default boolean send(Reply reply) {
		throw new UnsupportedOperationException("send(Reply) on " + getClass().getName());
	}

	/**
	 * For the error handler ({@link Server#setHttpErrorHandler}) of a {@code 500}: what
	 * the handler threw; {@code null} for every other request.
	 */
	default Throwable error() {
		return null;
	}

}
