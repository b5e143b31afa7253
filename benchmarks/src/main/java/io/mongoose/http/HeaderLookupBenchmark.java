package io.mongoose.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Request#header} and {@link Request#headerHasToken} on the browser-like request
 * of {@link RequestParserBenchmark} (10 headers): the first header, the last, a miss, and
 * the {@code Connection} token test the keep-alive decision makes on every request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderLookupBenchmark {

	private final byte[] buf = RequestParserBenchmark.BROWSER.getBytes(StandardCharsets.US_ASCII);

	private final Request request = new Request(() -> this.buf);

	@Setup
	public void setup() throws HttpError {
		byte[] buf = this.buf;
		this.request.reset();
		RequestParser.parse(buf, 0, RequestParser.headEnd(buf, 0, buf.length), 100, this.request);
	}

	@Benchmark
	public String first() {
		return this.request.header("host");
	}

	@Benchmark
	public String last() {
		return this.request.header("if-modified-since");
	}

	@Benchmark
	public String missing() {
		return this.request.header("Authorization");
	}

	@Benchmark
	public boolean connectionClose() {
		return this.request.headerHasToken("Connection", "close");
	}

}
