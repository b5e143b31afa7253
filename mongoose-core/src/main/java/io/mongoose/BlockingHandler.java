package io.mongoose;

/** A handler the server runs on its worker executor ({@link Handler#blocking}). */
record BlockingHandler(Handler delegate) implements Handler {

	@Override
	public Result handle(Connection connection) throws Exception {
		return this.delegate.handle(connection);
	}

	@Override
	public boolean isBlocking() {
		return true;
	}

	@Override
	public String toString() {
		return "blocking " + this.delegate;
	}

}
