package io.mongoose.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RequestParser}: finding the end of the head, then parsing it into a reused
 * {@link Request}, as the IO loop does for every request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestParserBenchmark {

	/** What wrk sends. */
	static final String WRK = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:28080\r\n\r\n";

	/** A browser-like request with 10 headers. */
	static final String BROWSER = "GET /static/app/main.js?v=12 HTTP/1.1\r\n" + "Host: www.example.com\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
			+ "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
			+ "Accept-Language: en-US,en;q=0.5\r\n" + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
			+ "Referer: https://www.example.com/index.html\r\n" + "Connection: keep-alive\r\n"
			+ "Cookie: session=6f1c2a9e0b7d4e21a3c5; theme=dark; consent=yes\r\n" + "Upgrade-Insecure-Requests: 1\r\n"
			+ "If-Modified-Since: Tue, 11 Nov 2025 10:00:00 GMT\r\n" + "\r\n";

	@Param({ "wrk", "browser" })
	public String request;

	private byte[] buf;

	private final Request parsed = new Request(() -> this.buf);

	@Setup
	public void setup() {
		this.buf = ("wrk".equals(this.request) ? WRK : BROWSER).getBytes(StandardCharsets.US_ASCII);
	}

	@Benchmark
	public int headEnd() {
		return RequestParser.headEnd(this.buf, 0, this.buf.length);
	}

	@Benchmark
	public Request headEndAndParse() throws HttpError {
		Request r = this.parsed;
		r.reset();
		int end = RequestParser.headEnd(this.buf, 0, this.buf.length);
		RequestParser.parse(this.buf, 0, end, 100, r);
		return r;
	}

}
