package io.mongoose.boot.autoconfigure.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.Resource;

import io.mongoose.Connection;
import io.mongoose.Handler.Result;

/**
 * A resource (a heap dump can be gigabytes) sent chunk by chunk: the send queue is
 * bounded, so a chunk it refuses is offered again on the next call.
 */
final class ResourceStream {

	private static final Log logger = LogFactory.getLog(ResourceStream.class);

	private static final int STREAM_CHUNK = 64 * 1024;

	private final InputStream in;

	private final byte[] buffer = new byte[STREAM_CHUNK];

	private int pending;

	private ResourceStream(InputStream in) {
		this.in = in;
	}

	static Result start(Connection c, int status, String contentType, Resource resource) {
		InputStream in;
		try {
			in = resource.getInputStream();
		}
		catch (IOException ex) {
			logger.error("Cannot read actuator resource " + resource, ex);
			c.sendReply(500, "text/plain", "Internal Server Error");
			return Result.DONE;
		}
		c.sendStatus(status).sendHeader("Content-Type", contentType);
		if (resource.getFilename() != null) {
			c.sendHeader("Content-Disposition", "attachment; filename=\"" + resource.getFilename() + "\"");
		}
		ResourceStream stream = new ResourceStream(in);
		c.setConnectionParam(stream);
		return stream.next(c);
	}

	Result next(Connection c) {
		try {
			if (c.wsBits() == 1 || c.isClosed()) {
				return end(c, Result.DONE);
			}
			while (true) {
				if (this.pending == 0) {
					this.pending = this.in.readNBytes(this.buffer, 0, this.buffer.length);
					if (this.pending == 0) {
						return end(c, Result.DONE);
					}
				}
				// a copy: off the IO thread the queued bytes are handed over, not
				// copied
				byte[] chunk = Arrays.copyOf(this.buffer, this.pending);
				if (c.sendData(chunk) == 0) {
					return Result.CALL_AGAIN; // the send queue is full: again once it
												// drains
				}
				this.pending = 0;
			}
		}
		catch (IOException ex) {
			logger.error("Failed to stream an actuator resource", ex);
			return end(c, Result.CLOSE);
		}
	}

	private Result end(Connection c, Result result) {
		c.setConnectionParam(null);
		try {
			this.in.close();
		}
		catch (IOException ex) {
			// the temporary file is gone or will be: nothing to tell the client
		}
		return result;
	}

}
