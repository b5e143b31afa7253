package io.mongoose.http;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates: formatting as IMF-fixdate and lenient parsing of every format a client (or
 * the C server) may send in {@code If-Modified-Since}.
 *
 * <p>
 * Formatting is hand-written rather than via {@code DateTimeFormatter} because
 * {@code RFC_1123_DATE_TIME} does not zero-pad the day, which IMF-fixdate requires.
 */
public final class HttpDate {

	private static final String[] DAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

	private static final String[] MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec" };

	/**
	 * RFC 1123 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850
	 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and the C server's extras
	 * ({@code 06/Nov/1994 08:49:37}, {@code 06 Nov 1994 08:49:37},
	 * {@code 06-Nov-1994 08:49:37}).
	 */
	private static final Pattern DAY_FIRST = Pattern
		.compile("(?:[A-Za-z]{3,9},\\s*)?(\\d{1,2})[ /-]([A-Za-z]{3})[ /-](\\d{4}|\\d{2})"
				+ "\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s+(?:GMT|UTC))?");

	/** ANSI C asctime: {@code Sun Nov  6 08:49:37 1994}. */
	private static final Pattern ASCTIME = Pattern
		.compile("[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(\\d{4})");

	private record Cached(long second, String text) {
	}

	private static volatile Cached cache = new Cached(Long.MIN_VALUE, "");

	private HttpDate() {
	}

	/**
	 * The current time as IMF-fixdate, formatted at most once per second (for
	 * {@code Date}).
	 */
	public static String now() {
		return now(System.currentTimeMillis());
	}

	/** {@link #now()} for a given clock reading; package-private for tests. */
	static String now(long epochMillis) {
		long second = Math.floorDiv(epochMillis, 1000L);
		Cached c = cache;
		if (c.second != second) {
			c = new Cached(second, format(second * 1000L));
			cache = c; // racing threads write equal values: harmless
		}
		return c.text;
	}

	/** IMF-fixdate in GMT, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
	public static String format(long epochMillis) {
		LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
		StringBuilder sb = new StringBuilder(29);
		sb.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
		two(sb, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
		int year = t.getYear();
		if (year >= 0 && year < 1000) {
			sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
		}
		sb.append(year).append(' ');
		two(sb, t.getHour()).append(':');
		two(sb, t.getMinute()).append(':');
		two(sb, t.getSecond()).append(" GMT");
		return sb.toString();
	}

	/**
	 * Parses an HTTP date (see the class comment for formats; GMT assumed).
	 * @return epoch milliseconds, or -1 if {@code s} is null or not a valid date
	 */
	public static long parse(String s) {
		if (s == null) {
			return -1;
		}
		String text = s.trim();
		try {
			Matcher m = DAY_FIRST.matcher(text);
			if (m.matches()) {
				int year = Integer.parseInt(m.group(3));
				if (m.group(3).length() == 2) {
					year = twoDigitYear(year);
				}
				return toMillis(year, month(m.group(2)), Integer.parseInt(m.group(1)), m.group(4), m.group(5),
						m.group(6));
			}
			m = ASCTIME.matcher(text);
			if (m.matches()) {
				return toMillis(Integer.parseInt(m.group(6)), month(m.group(1)), Integer.parseInt(m.group(2)),
						m.group(3), m.group(4), m.group(5));
			}
		}
		catch (DateTimeException e) {
			return -1;
		}
		return -1;
	}

	private static long toMillis(int year, int month, int day, String h, String min, String sec) {
		if (month < 0) {
			return -1;
		}
		LocalDateTime t = LocalDateTime.of(year, month, day, Integer.parseInt(h), Integer.parseInt(min),
				Integer.parseInt(sec));
		return t.toEpochSecond(ZoneOffset.UTC) * 1000L;
	}

	/**
	 * RFC 9110: a two-digit year more than 50 years in the future is in the past century.
	 */
	private static int twoDigitYear(int yy) {
		int thisYear = LocalDateTime.now(ZoneOffset.UTC).getYear();
		int year = thisYear - thisYear % 100 + yy;
		return year > thisYear + 50 ? year - 100 : year;
	}

	private static int month(String name) {
		for (int i = 0; i < MONTHS.length; i++) {
			if (MONTHS[i].equalsIgnoreCase(name)) {
				return i + 1;
			}
		}
		return -1;
	}

	private static StringBuilder two(StringBuilder sb, int v) {
		return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
	}

}
