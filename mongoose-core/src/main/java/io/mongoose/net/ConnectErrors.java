package io.mongoose.net;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Maps connect failures onto the errno-style codes that {@link Event#CONNECT} carries.
 */
public final class ConnectErrors {

	static final int ECONNREFUSED = 111;

	static final int EHOSTUNREACH = 113;

	static final int ETIMEDOUT = 110;

	static final int EIO = 5;

	/** The host name did not resolve. */
	public static final int UNRESOLVED = -2;

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

	/** What a {@link Event#CONNECT} code means, for an error message. */
	public static String describe(int code) {
		return switch (code) {
			case ECONNREFUSED -> "connection refused";
			case EHOSTUNREACH -> "no route to host";
			case ETIMEDOUT -> "connect timed out";
			case UNRESOLVED -> "the host name did not resolve";
			default -> "connect failed (error " + code + ")";
		};
	}

}
