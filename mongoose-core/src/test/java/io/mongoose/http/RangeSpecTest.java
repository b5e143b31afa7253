package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mongoose.http.RangeSpec.Range;
import io.mongoose.http.RangeSpec.Result;
import io.mongoose.http.RangeSpec.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeSpecTest {

	private static Result parse(String h, long len) {
		return RangeSpec.parse(h, len, 8);
	}

	@Test
	void simpleRangeOfTheSeventeenByteFile() {
		Result r = parse("bytes=3-5", 17);
		assertThat(r.status()).isEqualTo(Status.RANGES);
		assertThat(r.ranges()).containsExactly(new Range(3, 5));
		assertThat(r.ranges().get(0).length()).isEqualTo(3);
		assertThat(r.ranges().get(0).contentRange(17)).isEqualTo("bytes 3-5/17");
	}

	@Test
	void endPastEofIsClampedWithoutOffByOne() {
		Range r = parse("bytes=3-50", 17).ranges().get(0);
		assertThat(r).isEqualTo(new Range(3, 16));
		assertThat(r.length()).isEqualTo(14);
		assertThat(r.contentRange(17)).isEqualTo("bytes 3-16/17");
	}

	@Test
	void openAndSuffixRanges() {
		assertThat(parse("bytes=3-", 17).ranges()).containsExactly(new Range(3, 16));
		assertThat(parse("bytes=-5", 17).ranges()).containsExactly(new Range(12, 16));
		assertThat(parse("bytes=-100", 17).ranges()).containsExactly(new Range(0, 16));
		assertThat(parse("bytes=16-16", 17).ranges()).containsExactly(new Range(16, 16));
		assertThat(parse("bytes=0-0", 1).ranges()).containsExactly(new Range(0, 0));
		assertThat(parse(" Bytes = 1-2 ", 17).ranges()).containsExactly(new Range(1, 2));
		assertThat(parse("bytes=0-99999999999999999999999", 17).ranges()).containsExactly(new Range(0, 16));
	}

	@Test
	void severalRangesKeepRequestOrderWhenDisjointAndAscending() {
		Result r = parse("bytes=0-1, 4-5,-2", 17);
		assertThat(r.ranges()).containsExactly(new Range(0, 1), new Range(4, 5), new Range(15, 16));
	}

	@Test
	void overlappingAdjacentOrUnorderedRangesAreCoalesced() {
		assertThat(parse("bytes=0-,0-,0-", 17).ranges()).containsExactly(new Range(0, 16));
		assertThat(parse("bytes=0-4,2-8", 17).ranges()).containsExactly(new Range(0, 8));
		assertThat(parse("bytes=0-4,5-8", 17).ranges()).containsExactly(new Range(0, 8));
		assertThat(parse("bytes=10-12,0-1", 17).ranges()).containsExactly(new Range(0, 1), new Range(10, 12));
		assertThat(parse("bytes=-3,0-20", 17).ranges()).containsExactly(new Range(0, 16));
	}

	@Test
	void unsatisfiableOnesAreDroppedWhenOthersAreSatisfiable() {
		assertThat(parse("bytes=50-60,1-2", 17).ranges()).containsExactly(new Range(1, 2));
		assertThat(parse("bytes=-0,1-2", 17).ranges()).containsExactly(new Range(1, 2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=17-", "bytes=17-20", "bytes=100-200", "bytes=-0", "bytes=17-,20-30" })
	void unsatisfiable(String h) {
		assertThat(parse(h, 17)).isEqualTo(Result.UNSATISFIABLE);
	}

	@Test
	void everythingIsUnsatisfiableForAnEmptyRepresentation() {
		assertThat(parse("bytes=0-", 0).status()).isEqualTo(Status.UNSATISFIABLE);
		assertThat(parse("bytes=-5", 0).status()).isEqualTo(Status.UNSATISFIABLE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bytes", "bytes=", "bytes=,", "items=0-1", "bytes=5-3", "bytes=a-b", "bytes=1",
			"bytes=-", "bytes=1-2-3", "bytes=0x1-2", "bytes=-1-", "bytes=1-2,5-3", "bytes=+1-2" })
	void ignored(String h) {
		assertThat(parse(h, 17)).isEqualTo(Result.IGNORE);
	}

	@Test
	void nullIsIgnored() {
		assertThat(parse(null, 17)).isEqualTo(Result.IGNORE);
	}

	@Test
	void tooManyRangesAreIgnoredWithBoundedWork() {
		assertThat(RangeSpec.parse("bytes=0-0,2-2,4-4", 17, 2)).isEqualTo(Result.IGNORE);
		assertThat(RangeSpec.parse("bytes=0-0,2-2", 17, 2).ranges()).hasSize(2);
		assertThat(RangeSpec.parse("bytes=0-0,2-2", 17, 0)).isEqualTo(Result.IGNORE);
		StringBuilder huge = new StringBuilder("bytes=0-0");
		for (int i = 0; i < 100_000; i++) {
			huge.append(",0-0");
		}
		assertThat(RangeSpec.parse(huge.toString(), 17, 16)).isEqualTo(Result.IGNORE);
	}

}
