package io.mongoose.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProtocolException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.mongoose.Header;
import io.mongoose.http.RequestParser;

/**
 * The client's response-head parser on arbitrary bytes: it throws
 * {@link ProtocolException} or returns a head that holds only what the rules allow.
 */
class ResponseHeadFuzzTest {

	@FuzzTest(maxDuration = "60s")
	void parse(byte[] data) {
		int end = RequestParser.headEnd(data, 0, data.length);
		if (end < 0) {
			return;
		}
		ResponseHead head;
		try {
			head = ResponseHead.parse(data, end, 100);
		}
		catch (ProtocolException ex) {
			assertThat(ex.getMessage()).isNotBlank().doesNotContain("\r", "\n");
			return;
		}
		assertThat(head.status).isBetween(100, 599);
		assertThat(head.version).isIn(10, 11);
		assertThat(head.headers).hasSizeLessThanOrEqualTo(100);
		assertThat(head.chunked && head.contentLength >= 0).as("never both framings").isFalse();
		assertThat(head.contentLength).isGreaterThanOrEqualTo(-1);
		for (Header header : head.headers) {
			assertThat(header.name()).isNotEmpty().doesNotContain(":", " ", "\t", "\r", "\n");
			assertThat(header.value()).doesNotContain("\r", "\n", "\0");
		}
	}

}
