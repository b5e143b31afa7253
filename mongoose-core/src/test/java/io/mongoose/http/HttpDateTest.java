package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {

	private static final long NOV_6_1994 = LocalDateTime.of(1994, 11, 6, 8, 49, 37).toEpochSecond(ZoneOffset.UTC)
			* 1000;

	private static final long JAN_1_2014 = LocalDateTime.of(2014, 1, 1, 10, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;

	@Test
	void formatsImfFixdate() {
		assertThat(HttpDate.format(NOV_6_1994)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
		assertThat(HttpDate.format(NOV_6_1994 + 999)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
		assertThat(HttpDate.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
		assertThat(HttpDate.format(JAN_1_2014)).isEqualTo("Wed, 01 Jan 2014 10:00:00 GMT");
	}

	@Test
	void parsesTheThreeHttpFormats() {
		assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
		assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(NOV_6_1994);
		assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(NOV_6_1994);
		assertThat(HttpDate.parse("sun, 6 nov 1994 08:49:37 gmt".replace("gmt", "GMT"))).isEqualTo(NOV_6_1994);
	}

	@Test
	void parsesTheCServersExtraFormats() {
		assertThat(HttpDate.parse("01/Jan/2014 10:00:00")).isEqualTo(JAN_1_2014);
		assertThat(HttpDate.parse("01 Jan 2014 10:00:00")).isEqualTo(JAN_1_2014);
		assertThat(HttpDate.parse("01-Jan-2014 10:00:00")).isEqualTo(JAN_1_2014);
		assertThat(HttpDate.parse("Wed, 01 Jan 2014 10:00:00 GMT")).isEqualTo(JAN_1_2014);
	}

	@Test
	void roundTrips() {
		for (int i = 0; i < 200; i++) {
			long ms = ThreadLocalRandom.current().nextLong(0, 4_102_444_800_000L) / 1000 * 1000;
			assertThat(HttpDate.parse(HttpDate.format(ms))).isEqualTo(ms);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
			"Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:61:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
			"1994-11-06T08:49:37Z", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT trailing" })
	void invalidIsMinusOne(String s) {
		assertThat(HttpDate.parse(s)).isEqualTo(-1);
	}

	@Test
	void nullIsMinusOne() {
		assertThat(HttpDate.parse(null)).isEqualTo(-1);
	}

	@Test
	void nowIsCachedPerSecond() {
		String a = HttpDate.now(NOV_6_1994 + 10);
		String b = HttpDate.now(NOV_6_1994 + 990);
		assertThat(a).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
		assertThat(b).isSameAs(a);
		String c = HttpDate.now(NOV_6_1994 + 1000);
		assertThat(c).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
		long before = System.currentTimeMillis();
		long parsed = HttpDate.parse(HttpDate.now());
		assertThat(parsed).isBetween(before / 1000 * 1000, System.currentTimeMillis());
	}

	@Test
	void nowIsConsistentAcrossThreads() throws Exception {
		List<Thread> threads = new ArrayList<>();
		List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (int t = 0; t < 4; t++) {
			final int offset = t;
			Thread th = new Thread(() -> {
				for (int i = 0; i < 5000; i++) {
					long ms = NOV_6_1994 + ((i + offset) % 7) * 1000L;
					String s = HttpDate.now(ms);
					if (!s.equals(HttpDate.format(ms))) {
						errors.add(new AssertionError(s + " for " + ms));
					}
				}
			});
			th.start();
			threads.add(th);
		}
		for (Thread th : threads) {
			th.join();
		}
		assertThat(errors).isEmpty();
	}

}
