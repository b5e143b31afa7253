package io.mongoose.ws;

/**
 * Close status codes (RFC 6455 §7.4, IANA "WebSocket Close Code Number Registry"). Public
 * so handlers and the starter can close with a meaningful code.
 */
final class CloseCodes {

	public static final int NORMAL = 1000;

	public static final int GOING_AWAY = 1001;

	public static final int PROTOCOL_ERROR = 1002;

	public static final int UNSUPPORTED_DATA = 1003;

	/** Never on the wire: reported locally when a close frame carried no code. */
	public static final int NO_STATUS = 1005;

	/** Never on the wire: reported locally when TCP dropped without a close frame. */
	public static final int ABNORMAL = 1006;

	public static final int INVALID_PAYLOAD = 1007;

	public static final int POLICY_VIOLATION = 1008;

	public static final int MESSAGE_TOO_BIG = 1009;

	public static final int MANDATORY_EXTENSION = 1010;

	public static final int INTERNAL_ERROR = 1011;

	private CloseCodes() {
	}

	/**
	 * Whether {@code code} may appear in a close frame. Valid: 1000-1003, 1007-1014
	 * (1012-1014 are IANA-registered: service restart, try again later, bad gateway) and
	 * 3000-4999 (registered/private use). Invalid: below 1000, 1004 (reserved), 1005/1006
	 * (local only), 1015 (TLS failure, local only), 1016-2999 (unassigned or reserved for
	 * the RFC) and 5000+. Autobahn 7.7.x/7.9.x expect exactly this split; 1012-1014 are
	 * not tested by the current suite, so the registry decides.
	 */
	public static boolean isValidOnWire(int code) {
		if (code >= 1000 && code <= 1003) {
			return true;
		}
		if (code >= 1007 && code <= 1014) {
			return true;
		}
		return code >= 3000 && code <= 4999;
	}

}
