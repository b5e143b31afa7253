package io.mongoose.net;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Maps connect failures onto the errno-style codes that {@link Event#CONNECT} carries.
 */
final class ConnectErrors {

	static final int ECONNREFUSED = 111;

	static final int EHOSTUNREACH = 113;

	static final int ETIMEDOUT = 110;

	static final int EIO = 5;

	static final int UNRESOLVED = -2;

	private ConnectErrors() {
	}

	static int codeOf(Throwable ex) {
		if (ex instanceof ConnectException) {
			return ECONNREFUSED;
		}
		if (ex instanceof NoRouteToHostException) {
			return EHOSTUNREACH;
		}
		if (ex instanceof SocketTimeoutException) {
			return ETIMEDOUT;
		}
		if (ex instanceof UnresolvedAddressException) {
			return UNRESOLVED;
		}
		return EIO;
	}

}
