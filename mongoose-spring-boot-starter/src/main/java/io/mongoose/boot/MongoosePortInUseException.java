package io.mongoose.boot;

/**
 * Thrown when the Mongoose server cannot listen because its port is already in use.
 *
 * @since 0.1.0
 */
public class MongoosePortInUseException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final int port;

	/**
	 * Creates a new exception.
	 * @param port the port that was in use
	 * @param cause the server's failure, typically an
	 * {@code io.mongoose.PortBindException}
	 */
	public MongoosePortInUseException(int port, Throwable cause) {
		super("Port " + port + " is already in use: " + cause.getMessage(), cause);
		this.port = port;
	}

	/**
	 * Return the port that was in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
