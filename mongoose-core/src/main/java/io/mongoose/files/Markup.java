package io.mongoose.files;

/**
 * Text made safe inside HTML and XML markup: the listing's names and URI, WebDAV's hrefs.
 */
public final class Markup {

	private Markup() {
	}

	/** {@code s} with {@code < > & " '} written as character references. */
	public static String escape(String s) {
		StringBuilder sb = new StringBuilder(s.length() + 16);
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			switch (ch) {
				case '<' -> sb.append("&lt;");
				case '>' -> sb.append("&gt;");
				case '&' -> sb.append("&amp;");
				case '"' -> sb.append("&quot;");
				case '\'' -> sb.append("&#39;");
				default -> sb.append(ch);
			}
		}
		return sb.toString();
	}

}
