package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The Digest {@code Authorization} parser: never throws, and what it returns parses back;
 * its nonce count is read as 8 hex digits or refused.
 */
class AuthParamsFuzzTest {

	@FuzzTest
	void digestHeader(FuzzedDataProvider data) {
		String header = "Digest " + data.consumeRemainingAsString();
		Map<String, String> params = AuthParams.parse(header, "Digest");
		if (params == null) {
			return;
		}
		StringBuilder rebuilt = new StringBuilder("Digest ");
		params.forEach((name, value) -> rebuilt.append(name)
			.append("=\"")
			.append(value.replace("\\", "\\\\").replace("\"", "\\\""))
			.append("\", "));
		assertThat(AuthParams.parse(rebuilt.toString(), "Digest")).isEqualTo(params);
		String nc = params.get("nc");
		if (nc != null) {
			// the nonce count is exactly 8 hex digits, or refused
			long count = DigestAuth.nonceCount(nc);
			assertThat(count == -1 || String.format("%08x", count).equalsIgnoreCase(nc)).as(nc).isTrue();
		}
	}

}
