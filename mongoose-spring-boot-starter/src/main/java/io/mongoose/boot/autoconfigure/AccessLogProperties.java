package io.mongoose.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The request log, bound to {@code mongoose.access-log.*}.
 *
 * @since 0.1.0
 */
public class AccessLogProperties {

	/**
	 * File that receives one line per request (refused ones and WebSocket handshakes
	 * included) in NCSA combined format, naming only authenticated users; unset logs
	 * nothing.
	 */
	private @Nullable String file;

	public @Nullable String getFile() {
		return this.file;
	}

	public void setFile(@Nullable String file) {
		this.file = file;
	}

}
