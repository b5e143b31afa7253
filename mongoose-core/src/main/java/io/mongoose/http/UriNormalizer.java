package io.mongoose.http;

// TEMPORARY STUB - replaced by helper branch h-util
public final class UriNormalizer {
	private UriNormalizer() {}
	public static String normalize(String p) {
		if (p.indexOf('\0') >= 0) return null;
		java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
		for (String seg : p.replace('\\', '/').split("/")) {
			if (seg.isEmpty() || seg.equals(".")) continue;
			if (seg.equals("..")) { if (out.isEmpty()) return null; out.removeLast(); continue; }
			out.addLast(seg);
		}
		String r = "/" + String.join("/", out);
		if ((p.endsWith("/") || p.endsWith("/.")) && !r.endsWith("/")) r += "/";
		return r;
	}
}
