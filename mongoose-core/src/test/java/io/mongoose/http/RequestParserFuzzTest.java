package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mongoose.Header;

/**
 * The request head parser on arbitrary bytes, driven the way {@code HttpProtocol} drives
 * it: skip leading blank lines, find the head end (incrementally, as bytes trickle in),
 * parse, then go on with the next pipelined request after the body.
 */
class RequestParserFuzzTest {

	private static final int MAX_HEADERS = 16;

	@FuzzTest(maxDuration = "60s")
	void parseHead(byte[] data) {
		int base = 0;
		int requests = 0;
		while (base < data.length && requests++ < 64) {
			byte[] buf = java.util.Arrays.copyOfRange(data, base, data.length);
			int length = buf.length;
			int leading = RequestParser.leadingBlankLines(buf, length);
			assertThat(leading).isBetween(0, length);
			if (leading == length) {
				return;
			}
			int end = RequestParser.headEnd(buf, leading, length);
			assertThat(end).isEqualTo(incrementalHeadEnd(buf, leading, 1 + (length % 7)));
			if (end < 0) {
				return;
			}
			assertThat(end).isBetween(leading + 2, length);
			Request request = new Request(() -> buf);
			request.reset();
			try {
				RequestParser.parse(buf, leading, end, MAX_HEADERS, request);
			}
			catch (HttpError e) {
				assertThat(e.status()).isIn(400, 431, 501, 505);
				return;
			}
			checkRequest(request);
			long next = (long) end + (request.contentLength > 0 ? request.contentLength : 0);
			if (request.chunked || next > length) {
				return;
			}
			base += (int) next;
		}
	}

	private static int incrementalHeadEnd(byte[] buf, int leading, int step) {
		int scanFrom = 0;
		for (int length = Math.min(buf.length, leading + step);; length = Math.min(buf.length, length + step)) {
			int end = RequestParser.headEnd(buf, Math.max(scanFrom, leading), length);
			if (end >= 0 || length == buf.length) {
				return end;
			}
			scanFrom = Math.max(leading, length - 3);
		}
	}

	private static void checkRequest(Request r) {
		assertThat(r.method).isNotEmpty();
		assertThat(r.version).isIn(10, 11);
		assertThat(r.headers().size()).isLessThanOrEqualTo(MAX_HEADERS);
		assertThat(r.contentLength).isGreaterThanOrEqualTo(-1);
		if (r.chunked) {
			assertThat(r.contentLength).isEqualTo(-1);
			assertThat(r.version).isEqualTo(11);
		}
		if (!r.path.equals("*")) {
			assertThat(r.path).startsWith("/")
				.doesNotContain("/../", "/./", "//", "\\", "\0")
				.doesNotEndWith("/..")
				.doesNotEndWith("/.");
		}
		else {
			assertThat(r.method).isEqualTo("OPTIONS");
		}
		int hosts = 0;
		for (Header h : r.headers()) {
			assertThat(h.name()).isNotEmpty().doesNotContain(":", " ", "\t", "\r", "\n");
			assertThat(h.value()).doesNotContain("\r", "\n", "\0");
			if (h.name().equalsIgnoreCase("Host")) {
				hosts++;
				assertThat(h.value()).isNotEmpty().doesNotContain(",", " ", "\t", "@", "/", "?", "#");
			}
		}
		assertThat(hosts).isLessThanOrEqualTo(1);
		if (r.version == 11) {
			assertThat(hosts).isEqualTo(1);
		}
	}

}
