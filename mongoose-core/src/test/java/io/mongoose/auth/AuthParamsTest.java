package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthParamsTest {

	@Test
	void quotedAndTokenValues() {
		assertThat(AuthParams.parse("Digest username=\"Mufasa\", realm=\"a b\", nc=00000001, qop=auth", "Digest"))
			.containsEntry("username", "Mufasa")
			.containsEntry("realm", "a b")
			.containsEntry("nc", "00000001")
			.containsEntry("qop", "auth");
	}

	@Test
	void aNameInsideAQuotedValueIsNotAParameter() {
		var params = AuthParams.parse("Digest username=\"x, realm=evil\", realm=\"good\"", "Digest");
		assertThat(params).containsEntry("username", "x, realm=evil").containsEntry("realm", "good");
	}

	@Test
	void escapesInQuotedStrings() {
		assertThat(AuthParams.parse("Digest a=\"q\\\"uo\\\\te\"", "Digest")).containsEntry("a", "q\"uo\\te");
	}

	@Test
	void malformedHeadersAreRefused() {
		assertThat(AuthParams.parse("Basic a=b", "Digest")).isNull();
		assertThat(AuthParams.parse("Digest a=\"unterminated", "Digest")).isNull();
		assertThat(AuthParams.parse("Digest a=b c=d", "Digest")).isNull();
		assertThat(AuthParams.parse("Digest a=b, a=c", "Digest")).isNull();
		assertThat(AuthParams.parse("Digest =b", "Digest")).isNull();
		assertThat(AuthParams.parse("Digest a=", "Digest")).isNull();
	}

}
