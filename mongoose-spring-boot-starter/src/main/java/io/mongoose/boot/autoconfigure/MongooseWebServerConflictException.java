package io.mongoose.boot.autoconfigure;

/**
 * Thrown at start-up when a servlet or reactive web server of the same application would
 * listen on Mongoose's port; explained by
 * {@link MongooseWebServerConflictFailureAnalyzer}.
 */
final class MongooseWebServerConflictException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final int port;

	private final String kind;

	MongooseWebServerConflictException(int port, String kind, String contextType) {
		super("Mongoose and a " + kind + " web server (application context " + contextType
				+ ") would both listen on port " + port);
		this.port = port;
		this.kind = kind;
	}

	int getPort() {
		return this.port;
	}

	String getKind() {
		return this.kind;
	}

}
