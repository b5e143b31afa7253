package io.mongoose.http;

import java.util.List;

import io.mongoose.Header;

/**
 * Whether the current reply's body is compressed, for {@link ReplyWriter}: the
 * {@code compression*} options, the request's {@code Accept-Encoding}, and what the reply
 * says of itself ({@code Content-Type}, {@code Content-Encoding}, status, length). A
 * reply that could be compressed but for the client's header says
 * {@code Vary: Accept-Encoding}; a compressed one says {@code Content-Encoding} and its
 * {@code ETag} is suffixed, so the two variants never share a validator. One per
 * connection, reset per request.
 */
final class ReplyCompression {

	private final CompressionSettings settings;

	private final Request request;

	/** What the reply's own headers say (a head given piece by piece). */
	private String contentType;

	private boolean encoded;

	/** {@code Content-Encoding} among the request's {@code addReplyHeader} headers. */
	private boolean presetEncoded;

	/** The {@code ETag} a handler set, held back until the coding is known. */
	private String etag;

	/** The caller already said {@code Vary: Accept-Encoding} (static files). */
	private boolean varySent;

	/** A layer promised a body of unknown length (a file it reads as it sends). */
	private boolean promised;

	private boolean considered;

	private String coding;

	private BodyEncoder encoder;

	ReplyCompression(CompressionSettings settings, Request request) {
		this.settings = settings;
		this.request = request;
	}

	/**
	 * Notes a header of a head given piece by piece.
	 * @return true if the writer must not write it ({@code ETag}: {@link #writeFields}
	 * does)
	 */
	boolean note(String name, String value) {
		if (name.equalsIgnoreCase("Content-Type")) {
			this.contentType = value;
		}
		else if (name.equalsIgnoreCase("Content-Encoding")) {
			this.encoded = true;
		}
		else if (name.equalsIgnoreCase("ETag")) {
			this.etag = value;
			return true;
		}
		return false;
	}

	/** Notes a header of {@code Connection.addReplyHeader}. */
	void notePreset(String name) {
		if (name.equalsIgnoreCase("Content-Encoding")) {
			this.presetEncoded = true;
		}
	}

	/**
	 * A layer's streamed body of {@code contentType} follows, of a length it has checked
	 * against {@code compression_min_size}; its header lines say {@code Vary} already.
	 */
	void promise(String contentType) {
		this.contentType = contentType;
		this.promised = true;
		this.varySent = true;
	}

	boolean promised() {
		return this.promised;
	}

	/**
	 * Decides for a body of {@code length} bytes (-1: unknown, written as it comes) of
	 * the type noted or given.
	 * @param streamed whether the coded body needs chunked framing (its length is known
	 * only at the end): never on an HTTP/1.0 keep-alive connection
	 * @return the coding, or {@code null} for an identity body
	 */
	String decide(int status, String contentType, long length, boolean streamed) {
		String type = (contentType != null) ? contentType : this.contentType;
		this.considered = this.settings.enabled() && status >= 200 && status != 204 && status != 206 && status != 304
				&& !this.encoded && !this.presetEncoded && (length < 0 || length >= this.settings.minSize())
				&& this.settings.compressible(type)
				&& (!streamed || this.request.version == 11 || !this.request.connectionKeepAlive)
				&& this.request.header("Range") == null;
		this.coding = this.considered ? ContentCoding.negotiate(this.request.header("Accept-Encoding")) : null;
		return this.coding;
	}

	/** {@link #decide} for a whole {@code Reply} of {@code length} bytes. */
	String decide(int status, String contentType, List<Header> headers, long length) {
		String type = contentType;
		for (int i = 0; i < headers.size(); i++) {
			String name = headers.get(i).name();
			if (name.equalsIgnoreCase("Content-Encoding")) {
				this.encoded = true;
			}
			else if (type == null && name.equalsIgnoreCase("Content-Type")) {
				type = headers.get(i).value();
			}
		}
		return decide(status, type, length, false);
	}

	/**
	 * {@code Vary} when compression was considered, {@code Content-Encoding} when it
	 * applies, and the held-back {@code ETag}.
	 */
	void writeFields(AsciiBuffer head) {
		if (this.considered && !this.varySent) {
			head.header("Vary", "Accept-Encoding");
		}
		if (this.coding != null) {
			head.header("Content-Encoding", this.coding);
		}
		if (this.etag != null) {
			head.header("ETag", etag(this.etag));
		}
	}

	/**
	 * The {@code ETag} of the coded variant: {@code "x"} becomes {@code "x-gzip"}
	 * ({@code W/} kept).
	 */
	String etag(String value) {
		if (this.coding == null) {
			return value;
		}
		int end = value.lastIndexOf('"');
		return (end > 0) ? value.substring(0, end) + "-" + this.coding + value.substring(end)
				: value + "-" + this.coding;
	}

	/** The coding {@link #decide} chose, or {@code null}. */
	String coding() {
		return this.coding;
	}

	/** Starts the encoder of a streamed body in the coding decided. */
	BodyEncoder start() {
		this.encoder = new BodyEncoder(this.coding);
		return this.encoder;
	}

	/** The encoder of the body being written, or {@code null}. */
	BodyEncoder encoder() {
		return this.encoder;
	}

	/** Frees the encoder (the body ended or was cut short). */
	void end() {
		if (this.encoder != null) {
			this.encoder.end();
			this.encoder = null;
		}
	}

	/**
	 * The reply is discarded (an error reply takes its place): what its head said goes.
	 */
	void discard() {
		end();
		this.contentType = null;
		this.encoded = false;
		this.etag = null;
		this.varySent = false;
		this.promised = false;
		this.considered = false;
		this.coding = null;
	}

	/** A new request begins. */
	void reset() {
		discard();
		this.presetEncoded = false;
	}

}
