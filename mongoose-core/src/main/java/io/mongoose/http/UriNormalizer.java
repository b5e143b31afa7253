package io.mongoose.http;

import java.util.ArrayList;
import java.util.List;

/** Cleans decoded request paths before they are matched or mapped to files. */
public final class UriNormalizer {

	private UriNormalizer() {
	}

	/**
	 * The C server's {@code remove_double_dots_and_double_slashes}: after every {@code /}
	 * or {@code \}, any following run of slashes, backslashes and {@code ..} pairs is
	 * dropped. This is what handler matching sees (compatibility); it is not a safe file
	 * path — use {@link #normalize(String)} for that.
	 */
	public static String removeDoubleDotsAndDoubleSlashes(String decodedUri) {
		int n = decodedUri.length();
		StringBuilder sb = new StringBuilder(n);
		int i = 0;
		while (i < n) {
			char c = decodedUri.charAt(i++);
			sb.append(c);
			if (c == '/' || c == '\\') {
				while (i < n) {
					char d = decodedUri.charAt(i);
					if (d == '/' || d == '\\') {
						i++;
					}
					else if (d == '.' && i + 1 < n && decodedUri.charAt(i + 1) == '.') {
						i += 2;
					}
					else {
						break;
					}
				}
			}
		}
		return sb.toString();
	}

	/**
	 * Strict RFC 3986 dot-segment removal for the file layer. Backslashes count as
	 * separators (they are separators on Windows), empty and {@code .} segments are
	 * dropped, {@code ..} removes the previous segment.
	 *
	 * <p>
	 * A trailing slash is kept (also when the path ends in {@code /.} or {@code /..}),
	 * because the file layer uses it to tell a directory request from a file request.
	 * @return the normalised path, always starting with {@code /}; or {@code null} when
	 * the path would climb above the root or contains a NUL character
	 */
	public static String normalize(String decodedPath) {
		if (decodedPath.indexOf('\0') >= 0) {
			return null;
		}
		if (isNormal(decodedPath)) {
			return decodedPath;
		}
		String path = decodedPath.replace('\\', '/');
		List<String> segments = new ArrayList<>();
		boolean trailingSlash = false;
		int i = 0;
		int n = path.length();
		while (i <= n) {
			int slash = path.indexOf('/', i);
			int end = slash < 0 ? n : slash;
			String seg = path.substring(i, end);
			boolean last = slash < 0;
			if (seg.equals("..")) {
				if (segments.isEmpty()) {
					return null;
				}
				segments.remove(segments.size() - 1);
				trailingSlash = true;
			}
			else if (seg.isEmpty() || seg.equals(".")) {
				trailingSlash = true;
			}
			else {
				segments.add(seg);
				trailingSlash = false;
			}
			if (last) {
				break;
			}
			i = end + 1;
		}
		if (segments.isEmpty()) {
			return "/";
		}
		StringBuilder sb = new StringBuilder(n + 1);
		for (String seg : segments) {
			sb.append('/').append(seg);
		}
		if (trailingSlash) {
			sb.append('/');
		}
		return sb.toString();
	}

	/**
	 * The common case, checked without allocating: an absolute path with nothing to
	 * resolve.
	 */
	private static boolean isNormal(String path) {
		int n = path.length();
		if (n == 0 || path.charAt(0) != '/') {
			return false;
		}
		for (int i = 0; i < n; i++) {
			char c = path.charAt(i);
			if (c == '\\') {
				return false;
			}
			if (c == '/' && i + 1 < n) {
				char next = path.charAt(i + 1);
				if (next == '/' || (next == '.' && (i + 2 == n || path.charAt(i + 2) == '/'
						|| (path.charAt(i + 2) == '.' && (i + 3 == n || path.charAt(i + 3) == '/'))))) {
					return false;
				}
			}
		}
		return true;
	}

}
