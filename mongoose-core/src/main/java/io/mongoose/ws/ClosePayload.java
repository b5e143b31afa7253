package io.mongoose.ws;

import java.nio.charset.StandardCharsets;

/**
 * Reads the payload of a received close frame (RFC 6455 §5.5.1, §7.4). Kept apart from
 * {@link CloseCodes} so the public constants carry no parsing. The length limit (125) is
 * already enforced by {@link FrameDecoder}.
 */
final class ClosePayload {

	private ClosePayload() {
	}

	/**
	 * @return 0 if the payload is acceptable; otherwise the code to fail with: 1002 for a
	 * 1-byte payload or a code that may not be sent, 1007 for a reason that is not UTF-8
	 */
	static int check(byte[] payload) {
		if (payload.length == 0) {
			return 0;
		}
		if (payload.length == 1) {
			return CloseCodes.PROTOCOL_ERROR;
		}
		if (!CloseCodes.isValidOnWire(code(payload))) {
			return CloseCodes.PROTOCOL_ERROR;
		}
		if (!Utf8Validator.isValid(payload, 2, payload.length - 2)) {
			return CloseCodes.INVALID_PAYLOAD;
		}
		return 0;
	}

	/** The status code, or {@link CloseCodes#NO_STATUS} (1005) for an empty payload. */
	static int code(byte[] payload) {
		if (payload.length < 2) {
			return CloseCodes.NO_STATUS;
		}
		return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
	}

	/** The reason text; empty when absent. Call after {@link #check} returned 0. */
	static String reason(byte[] payload) {
		return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
	}

	/**
	 * Payload of the close frame that answers a valid received one (§5.5.1): echo the
	 * code, or send an empty payload when the peer sent none.
	 */
	static byte[] reply(byte[] received) {
		return received.length == 0 ? new byte[0] : FrameEncoder.closePayload(code(received), "");
	}

}
