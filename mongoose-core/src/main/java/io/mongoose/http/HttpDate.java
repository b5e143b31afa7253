package io.mongoose.http;

// TEMPORARY STUB - replaced by helper branch h-util
public final class HttpDate {
	private HttpDate() {}
	public static String now() {
		return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
	}
}
