package io.mongoose.boot.observation;

import io.micrometer.observation.transport.RequestReplyReceiverContext;
import org.jspecify.annotations.Nullable;

import io.mongoose.Connection;

/**
 * The context of the observation of one request served by Mongoose: the
 * {@link Connection} is both the request (the carrier whose headers a tracer reads, such
 * as {@code traceparent}) and the response. The connection serves the next request of a
 * keep-alive client once the observation stops, so read it only while it runs.
 *
 * @since 0.1.0
 * @see MongooseRequestObservationConvention
 */
public class MongooseRequestObservationContext extends RequestReplyReceiverContext<Connection, Connection> {

	private @Nullable String pathPattern;

	private boolean connectionAborted;

	/**
	 * Create a context for the current request of {@code connection}.
	 * @param connection the connection whose request is observed
	 */
	@SuppressWarnings("this-escape") // the setters are Micrometer's, final in effect
	public MongooseRequestObservationContext(Connection connection) {
		super(Connection::getHeader);
		setCarrier(connection);
		setResponse(connection);
	}

	/**
	 * Return the template the request matched (the route or the {@code @UriHandler}
	 * prefix), known once the reply is finished.
	 * @return the template, or {@code null} if no handler matched
	 */
	public @Nullable String getPathPattern() {
		return this.pathPattern;
	}

	/**
	 * Set the template the request matched.
	 * @param pathPattern the template, or {@code null} if no handler matched
	 */
	public void setPathPattern(@Nullable String pathPattern) {
		this.pathPattern = pathPattern;
	}

	/**
	 * Return whether the client's connection closed before the reply was finished.
	 * @return whether the request was aborted
	 */
	public boolean isConnectionAborted() {
		return this.connectionAborted;
	}

	/**
	 * Set whether the client's connection closed before the reply was finished.
	 * @param connectionAborted whether the request was aborted
	 */
	public void setConnectionAborted(boolean connectionAborted) {
		this.connectionAborted = connectionAborted;
	}

}
