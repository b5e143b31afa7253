package io.mongoose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A path template compiled once into segments: literals, {@code {name}} captures of one
 * segment and a trailing {@code {*name}} (or {@code **}) capturing the rest. Matching
 * walks the path in place: no regex, no split, nothing allocated unless it captures.
 */
final class RouteTemplate implements Comparable<RouteTemplate> {

	/** Segment kinds, in their order of precedence. */
	private static final byte LITERAL = 0;

	private static final byte CAPTURE = 1;

	private static final byte REST = 2;

	/** Stands for an encoded slash ({@code %2F}) inside a segment of a routing path. */
	static final char ENCODED_SLASH = '\0';

	final String text;

	private final byte[] kinds;

	/** The literal of each segment, or the capture's name ({@code null} for **). */
	private final String[] values;

	private final int captures;

	private RouteTemplate(String text, byte[] kinds, String[] values, int captures) {
		this.text = text;
		this.kinds = kinds;
		this.values = values;
		this.captures = captures;
	}

	/**
	 * @throws IllegalArgumentException naming what is wrong with {@code template}
	 */
	static RouteTemplate compile(String template) {
		if (template == null) {
			throw new IllegalArgumentException("route template must not be null");
		}
		if (!template.isEmpty() && template.charAt(0) != '/') {
			throw new IllegalArgumentException("route template '" + template + "' must start with '/'");
		}
		List<String> segments = new ArrayList<>();
		for (String segment : template.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		byte[] kinds = new byte[segments.size()];
		String[] values = new String[segments.size()];
		Set<String> names = new HashSet<>();
		int captures = 0;
		for (int i = 0; i < kinds.length; i++) {
			String segment = segments.get(i);
			boolean last = i == kinds.length - 1;
			if (segment.equals("**") || segment.startsWith("{*") && segment.endsWith("}")) {
				if (!last) {
					throw new IllegalArgumentException(
							"route template '" + template + "': '" + segment + "' must be the last segment");
				}
				kinds[i] = REST;
				values[i] = segment.equals("**") ? null : name(template, segment.substring(2, segment.length() - 1));
			}
			else if (segment.startsWith("{") && segment.endsWith("}")) {
				kinds[i] = CAPTURE;
				values[i] = name(template, segment.substring(1, segment.length() - 1));
			}
			else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0 || segment.contains("*")) {
				throw new IllegalArgumentException("route template '" + template + "': segment '" + segment
						+ "' must be a literal, {name}, or a trailing {*name} or **");
			}
			else {
				kinds[i] = LITERAL;
				values[i] = segment;
			}
			if (kinds[i] != LITERAL && values[i] != null) {
				captures++;
				if (!names.add(values[i])) {
					throw new IllegalArgumentException(
							"route template '" + template + "' captures '" + values[i] + "' twice");
				}
			}
		}
		return new RouteTemplate(template, kinds, values, captures);
	}

	private static String name(String template, String name) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("route template '" + template + "' has a capture without a name");
		}
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (!Character.isLetterOrDigit(ch) && ch != '_' && ch != '-' && ch != '.') {
				throw new IllegalArgumentException(
						"route template '" + template + "': capture name '" + name + "' holds '" + ch + "'");
			}
		}
		return name;
	}

	/**
	 * Whether the path from {@code from} (at a {@code '/'} or the end) matches. A
	 * trailing slash is ignored.
	 */
	boolean matches(String path, int from) {
		int length = path.length();
		int pos = from;
		for (int i = 0; i < this.kinds.length; i++) {
			pos = skipSlashes(path, pos);
			if (this.kinds[i] == REST) {
				return true;
			}
			if (pos == length) {
				return false;
			}
			int end = segmentEnd(path, pos);
			if (this.kinds[i] == LITERAL) {
				String literal = this.values[i];
				if (end - pos != literal.length() || !path.regionMatches(pos, literal, 0, literal.length())) {
					return false;
				}
			}
			pos = end;
		}
		return skipSlashes(path, pos) == length;
	}

	/** The captures of a path that {@link #matches}; an empty map when it has none. */
	Map<String, String> captures(String path, int from) {
		if (this.captures == 0) {
			return Map.of();
		}
		Map<String, String> values = new HashMap<>(this.captures * 2);
		int pos = from;
		for (int i = 0; i < this.kinds.length; i++) {
			pos = skipSlashes(path, pos);
			int end = (this.kinds[i] == REST) ? path.length() : segmentEnd(path, pos);
			if (this.kinds[i] != LITERAL && this.values[i] != null) {
				values.put(this.values[i], path.substring(pos, end).replace(ENCODED_SLASH, '/'));
			}
			pos = end;
		}
		return Map.copyOf(values);
	}

	private static int skipSlashes(String path, int pos) {
		while (pos < path.length() && path.charAt(pos) == '/') {
			pos++;
		}
		return pos;
	}

	private static int segmentEnd(String path, int pos) {
		int end = path.indexOf('/', pos);
		return (end < 0) ? path.length() : end;
	}

	/**
	 * Whether both match the same paths: the same segments, whatever the captures' names.
	 */
	boolean sameShape(RouteTemplate other) {
		return compareTo(other) == 0;
	}

	/**
	 * Precedence, segment by segment: a literal before a capture before the rest; a
	 * template that ends before one that goes on with the rest (the only one it competes
	 * with there). Literals compare by text so that the order is total.
	 */
	@Override
	public int compareTo(RouteTemplate other) {
		int common = Math.min(this.kinds.length, other.kinds.length);
		for (int i = 0; i < common; i++) {
			if (this.kinds[i] != other.kinds[i]) {
				return Byte.compare(this.kinds[i], other.kinds[i]);
			}
			if (this.kinds[i] == LITERAL) {
				int byText = this.values[i].compareTo(other.values[i]);
				if (byText != 0) {
					return byText;
				}
			}
		}
		return Integer.compare(this.kinds.length, other.kinds.length);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
