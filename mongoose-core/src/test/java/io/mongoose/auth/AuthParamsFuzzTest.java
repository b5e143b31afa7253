package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Digest {@code Authorization} parser: never throws, and what it returns parses back. */
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
	}

}
