package io.mongoose.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;

import io.mongoose.net.Transport;

/**
 * Wraps a connection's TLS transport to keep the first failure it throws: the loop closes
 * the connection on it, and the client reports why (an untrusted certificate, a host name
 * that does not match) instead of a bare close.
 */
final class FailureRecorder implements Transport {

	private final Transport delegate;

	private IOException failure;

	FailureRecorder(Transport delegate) {
		this.delegate = delegate;
	}

	/** The first failure, or {@code null}. */
	IOException failure() {
		return this.failure;
	}

	private IOException record(IOException ex) {
		if (this.failure == null) {
			this.failure = ex;
		}
		return ex;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		try {
			return this.delegate.read(dst);
		}
		catch (IOException ex) {
			throw record(ex);
		}
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		try {
			return this.delegate.write(src);
		}
		catch (IOException ex) {
			throw record(ex);
		}
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		try {
			return this.delegate.write(srcs, offset, length);
		}
		catch (IOException ex) {
			throw record(ex);
		}
	}

	@Override
	public long write(ByteBuffer[] srcs) throws IOException {
		return write(srcs, 0, srcs.length);
	}

	@Override
	public boolean flush() throws IOException {
		try {
			return this.delegate.flush();
		}
		catch (IOException ex) {
			throw record(ex);
		}
	}

	@Override
	public boolean hasBufferedOutput() {
		return this.delegate.hasBufferedOutput();
	}

	@Override
	public boolean hasBufferedInput() {
		return this.delegate.hasBufferedInput();
	}

	@Override
	public boolean isEstablished() {
		return this.delegate.isEstablished();
	}

	@Override
	public Principal peerPrincipal() {
		return this.delegate.peerPrincipal();
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
