package io.mongoose.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Origin} / {@code Host} comparison of a WebSocket handshake, with arbitrary
 * header values.
 */
class OriginPolicyFuzzTest {

	/** Input: the Origin value, a NUL, the Host value. */
	@FuzzTest(maxDuration = "60s")
	void originAgainstHost(byte[] data) {
		String all = new String(data, StandardCharsets.ISO_8859_1);
		int nul = all.indexOf('\0');
		String origin = (nul < 0) ? all : all.substring(0, nul);
		String host = (nul < 0) ? null : all.substring(nul + 1);
		String normalised = OriginPolicy.normalise(origin);
		if (normalised != null) {
			assertThat(OriginPolicy.normalise(normalised)).as("idempotent").isEqualTo(normalised);
		}
		boolean allowed = OriginPolicy.SAME_ORIGIN.allows(origin, host);
		if (allowed) {
			// only a real origin whose authority is the Host (up to case and a default
			// port) gets through
			assertThat(normalised).isNotNull();
			assertThat(host).isNotNull();
			String scheme = normalised.substring(0, normalised.indexOf("://") + 3);
			assertThat(OriginPolicy.normalise(scheme + host.trim())).isEqualTo(normalised);
		}
		assertThat(OriginPolicy.parse("*").allows(origin, host)).isTrue();
	}

}
