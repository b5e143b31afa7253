package io.mongoose.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * WebSockets, bound to {@code mongoose.websocket.*}.
 *
 * @since 0.1.0
 */
public class WebSocketProperties {

	/**
	 * Maximum size of a WebSocket frame or reassembled message (closed with 1009 above).
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(16);

	/**
	 * Interval between server pings on an idle WebSocket; 0 disables pings.
	 */
	private Duration pingInterval = Duration.ofSeconds(5);

	/**
	 * Whether WebSocket handlers receive whole messages instead of single frames.
	 */
	private boolean wholeMessages = false;

	/**
	 * What a write or broadcast does with a WebSocket whose send queue is full.
	 */
	private SlowReader slowReader = SlowReader.SKIP;

	/**
	 * Origins (for example 'https://app.example.com') whose pages may open a WebSocket
	 * besides pages of the server's own host and port, or '*' for any; other origins get
	 * 403. A handshake without an Origin header (not a browser) is always allowed.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * permessage-deflate (RFC 7692) compression.
	 */
	private final Deflate deflate = new Deflate();

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public boolean isWholeMessages() {
		return this.wholeMessages;
	}

	public void setWholeMessages(boolean wholeMessages) {
		this.wholeMessages = wholeMessages;
	}

	public SlowReader getSlowReader() {
		return this.slowReader;
	}

	public void setSlowReader(SlowReader slowReader) {
		this.slowReader = slowReader;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public Deflate getDeflate() {
		return this.deflate;
	}

	/**
	 * permessage-deflate, bound to {@code mongoose.websocket.deflate.*}.
	 */
	public static class Deflate {

		/**
		 * Whether permessage-deflate is accepted when a client offers it.
		 */
		private boolean enabled = true;

		/**
		 * Messages shorter than this are sent uncompressed.
		 */
		private DataSize threshold = DataSize.ofBytes(256);

		/**
		 * zlib memory one WebSocket may keep between messages: the client's context costs
		 * 40 KiB, the server's 264 KiB; a context it does not cover is refused.
		 */
		private DataSize memory = DataSize.ofKilobytes(64);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

		public DataSize getMemory() {
			return this.memory;
		}

		public void setMemory(DataSize memory) {
			this.memory = memory;
		}

	}

	/**
	 * What a write or broadcast does with a WebSocket whose send queue is full.
	 */
	public enum SlowReader {

		/**
		 * Leave the connection out of this message.
		 */
		SKIP,

		/**
		 * Close the connection.
		 */
		CLOSE

	}

}
