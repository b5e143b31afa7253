package io.mongoose.http;

// TEMPORARY STUB - replaced by helper branch h-util
public final class UrlCodec {
	private UrlCodec() {}
	public static String decode(String s, boolean form) {
		return java.net.URLDecoder.decode(form ? s : s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
	}
}
