package io.mongoose.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mongoose.UrlCodec;

/**
 * The path a router matches when the target encodes a slash: decoded and normalised like
 * the request's path, except that a {@code %2F} stays inside its segment (as a NUL, which
 * no decoded path holds), so {@code /files/a%2Fb} has two segments, not three.
 */
final class RoutingPath {

	private RoutingPath() {
	}

	static boolean hasEncodedSlash(byte[] buf, int start, int end) {
		for (int i = start; i + 2 < end; i++) {
			if (buf[i] == '%' && buf[i + 1] == '2' && (buf[i + 2] == 'F' || buf[i + 2] == 'f')) {
				return true;
			}
		}
		return false;
	}

	/** Decodes segment by segment, then resolves dot segments as the normaliser does. */
	static String decode(byte[] buf, int start, int end) {
		List<String> segments = new ArrayList<>();
		int from = start;
		for (int i = start; i <= end; i++) {
			if (i == end || buf[i] == '/') {
				String raw = new String(buf, from, i - from, StandardCharsets.ISO_8859_1);
				for (String segment : UrlCodec.decode(raw, false).split("\\\\")) {
					add(segments, segment.replace('/', '\0'));
				}
				from = i + 1;
			}
		}
		StringBuilder path = new StringBuilder();
		for (String segment : segments) {
			path.append('/').append(segment);
		}
		if (path.length() == 0 || buf[end - 1] == '/') {
			path.append('/');
		}
		return path.toString();
	}

	private static void add(List<String> segments, String segment) {
		if (segment.equals("..")) {
			if (!segments.isEmpty()) {
				segments.remove(segments.size() - 1);
			}
		}
		else if (!segment.isEmpty() && !segment.equals(".")) {
			segments.add(segment);
		}
	}

}
