package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Range header parsing. Byte 0 picks the representation length, byte 1 the range limit,
 * the rest is the header value.
 */
class RangeSpecFuzzTest {

	private static final long[] LENGTHS = { 0, 1, 2, 10, 100, 1000, 4096, 1L << 31, 1L << 40, Long.MAX_VALUE - 1,
			Long.MAX_VALUE };

	@FuzzTest(maxDuration = "60s")
	void parse(byte[] data) {
		if (data.length < 2) {
			return;
		}
		long len = LENGTHS[(data[0] & 0xFF) % LENGTHS.length];
		int maxRanges = (data[1] % 10);
		String header = new String(data, 2, data.length - 2, StandardCharsets.ISO_8859_1);
		RangeSpec.Result r = RangeSpec.parse(header, len, maxRanges);
		List<RangeSpec.Range> ranges = r.ranges();
		assertThat(ranges.isEmpty()).isEqualTo(r.status() != RangeSpec.Status.RANGES);
		assertThat(ranges.size()).isLessThanOrEqualTo(Math.max(1, maxRanges));
		RangeSpec.Range prev = null;
		for (RangeSpec.Range range : ranges) {
			assertThat(range.first()).isBetween(0L, range.last());
			assertThat(range.last()).isLessThan(len);
			assertThat(range.length()).isPositive();
			if (prev != null) {
				assertThat(range.first()).as("ascending, neither overlapping nor touching: %s", ranges)
					.isGreaterThan(prev.last() + 1);
			}
			prev = range;
		}
		if (len == 0) {
			assertThat(r.status()).isNotEqualTo(RangeSpec.Status.RANGES);
		}
		assertThat(RangeSpec.parse(header, len, maxRanges)).as("deterministic").isEqualTo(r);
	}

}
