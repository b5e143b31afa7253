package io.mongoose.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses a {@code Range} request header (RFC 9110 §14) against a representation of a
 * known length.
 *
 * <p>
 * Outcomes:
 * <ul>
 * <li>{@link Status#IGNORE}: not a {@code bytes} range, syntactically invalid (including
 * {@code last < first}), or more than {@code maxRanges} range specs — serve the whole
 * representation with 200. Ignoring is always allowed by RFC 9110 and keeps the work
 * bounded: parsing stops at spec number {@code maxRanges + 1}.</li>
 * <li>{@link Status#UNSATISFIABLE}: valid, but no range overlaps the representation (e.g.
 * starts at or past its end, {@code -0}, any range of an empty file) — 416.</li>
 * <li>{@link Status#RANGES}: one or more inclusive ranges, clamped to {@code len - 1};
 * unsatisfiable specs among satisfiable ones are dropped. Ranges that are in ascending
 * order and neither overlap nor touch are returned as requested; otherwise they are
 * sorted and overlapping or adjacent ones coalesced (RFC 9110 §14.3 allows this), so
 * {@code bytes=0-,0-,0-} becomes a single range and a response never repeats a byte.</li>
 * </ul>
 */
public final class RangeSpec {

	/** What to do with the request. */
	public enum Status {

		IGNORE, UNSATISFIABLE, RANGES

	}

	/** An inclusive byte range {@code first..last}. */
	public record Range(long first, long last) {
		/** Number of bytes in the range. */
		public long length() {
			return last - first + 1;
		}

		/**
		 * The {@code Content-Range} value for a representation of {@code total} bytes.
		 */
		public String contentRange(long total) {
			return "bytes " + first + "-" + last + "/" + total;
		}
	}

	/** Parse outcome; {@code ranges} is non-empty exactly when status is RANGES. */
	public record Result(Status status, List<Range> ranges) {
		public static final Result IGNORE = new Result(Status.IGNORE, List.of());

		public static final Result UNSATISFIABLE = new Result(Status.UNSATISFIABLE, List.of());

		public Result {
			ranges = List.copyOf(ranges);
		}
	}

	private static final long INVALID = -2;

	private static final long NONE = -1;

	private RangeSpec() {
	}

	/**
	 * @param header the {@code Range} header value, may be null
	 * @param len the representation length in bytes (&gt;= 0)
	 * @param maxRanges the most range specs accepted (values below 1 count as 1)
	 */
	public static Result parse(String header, long len, int maxRanges) {
		if (header == null) {
			return Result.IGNORE;
		}
		String h = header.trim();
		int eq = h.indexOf('=');
		if (eq < 0 || !h.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
			return Result.IGNORE;
		}
		int limit = Math.max(1, maxRanges);
		List<Range> ranges = new ArrayList<>();
		int specs = 0;
		int pos = eq + 1;
		int n = h.length();
		while (pos <= n) {
			int comma = h.indexOf(',', pos);
			int end = comma < 0 ? n : comma;
			String spec = h.substring(pos, end).trim();
			pos = end + 1;
			if (spec.isEmpty()) { // empty list elements are allowed by the # rule
				if (comma < 0) {
					break;
				}
				continue;
			}
			if (++specs > limit) {
				return Result.IGNORE;
			}
			int dash = spec.indexOf('-');
			if (dash < 0) {
				return Result.IGNORE;
			}
			long first = number(spec, 0, dash);
			long last = number(spec, dash + 1, spec.length());
			if (first == INVALID || last == INVALID || (first == NONE && last == NONE)) {
				return Result.IGNORE;
			}
			if (first == NONE) { // suffix range: the last `last` bytes
				if (last > 0 && len > 0) {
					ranges.add(new Range(Math.max(0, len - last), len - 1));
				}
			}
			else {
				if (last != NONE && last < first) {
					return Result.IGNORE;
				}
				if (first < len) {
					long l = last == NONE ? len - 1 : Math.min(last, len - 1);
					ranges.add(new Range(first, l));
				}
			}
			if (comma < 0) {
				break;
			}
		}
		if (specs == 0) {
			return Result.IGNORE;
		}
		if (ranges.isEmpty()) {
			return Result.UNSATISFIABLE;
		}
		return new Result(Status.RANGES, coalesceIfNeeded(ranges));
	}

	private static List<Range> coalesceIfNeeded(List<Range> ranges) {
		boolean clean = true;
		for (int i = 1; i < ranges.size() && clean; i++) {
			clean = ranges.get(i).first() > ranges.get(i - 1).last() + 1;
		}
		if (clean) {
			return ranges;
		}
		List<Range> sorted = new ArrayList<>(ranges);
		sorted.sort(Comparator.comparingLong(Range::first));
		List<Range> merged = new ArrayList<>();
		Range cur = sorted.get(0);
		for (int i = 1; i < sorted.size(); i++) {
			Range r = sorted.get(i);
			if (r.first() <= cur.last() + 1) {
				cur = new Range(cur.first(), Math.max(cur.last(), r.last()));
			}
			else {
				merged.add(cur);
				cur = r;
			}
		}
		merged.add(cur);
		return merged;
	}

	/**
	 * Decimal digits in s[from, to): the value (saturated), NONE if empty, INVALID
	 * otherwise.
	 */
	private static long number(String s, int from, int to) {
		int a = from;
		int b = to;
		while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
			a++;
		}
		while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
			b--;
		}
		if (a == b) {
			return NONE;
		}
		long v = 0;
		for (int i = a; i < b; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return INVALID;
			}
			v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
		}
		return v;
	}

}
