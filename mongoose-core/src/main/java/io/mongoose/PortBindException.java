package io.mongoose;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * A {@code listening_port} that could not be bound, typically because another process
 * listens on it; the cause is the {@link BindException}. Nothing was changed: no port of
 * the list is bound.
 */
public class PortBindException extends UncheckedIOException {

	private static final long serialVersionUID = 1L;

	private final InetSocketAddress address;

	/**
	 * @param address the address that could not be bound
	 * @param message what failed, for the user
	 * @param cause why
	 */
	public PortBindException(InetSocketAddress address, String message, BindException cause) {
		super(message, cause);
		this.address = address;
	}

	/** The address that could not be bound. */
	public InetSocketAddress address() {
		return this.address;
	}

	/** The port that could not be bound. */
	public int port() {
		return this.address.getPort();
	}

	@Override
	public synchronized BindException getCause() {
		return (BindException) super.getCause();
	}

}
