package io.mongoose.http;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 §12.5.3): which content coding a client takes.
 * Each coding has a weight ({@code q=0} refuses it), {@code *} stands for every coding
 * the header does not name, and a request without the header gets no coding (as browsers
 * always send one, and other clients rarely decompress).
 */
public final class ContentCoding {

	/** {@code Content-Encoding: gzip}, the coding preferred on a tie. */
	public static final String GZIP = "gzip";

	/** {@code Content-Encoding: deflate}: the zlib format (RFC 1950). */
	public static final String DEFLATE = "deflate";

	private ContentCoding() {
	}

	/**
	 * The coding to send a client with {@code acceptEncoding}: gzip or deflate, whichever
	 * has the higher weight above 0 (gzip on a tie), or {@code null} for none.
	 */
	public static String negotiate(String acceptEncoding) {
		double gzip = weight(acceptEncoding, GZIP);
		double deflate = weight(acceptEncoding, DEFLATE);
		if (gzip <= 0 && deflate <= 0) {
			return null;
		}
		return (gzip >= deflate) ? GZIP : DEFLATE;
	}

	/** Whether a client with {@code acceptEncoding} takes {@code coding}. */
	public static boolean accepts(String acceptEncoding, String coding) {
		return weight(acceptEncoding, coding) > 0;
	}

	/**
	 * The weight of {@code coding} (gzip also as {@code x-gzip}): its own entry's, else
	 * that of {@code *}, else 0. A malformed weight counts as 0.
	 */
	static double weight(String acceptEncoding, String coding) {
		if (acceptEncoding == null) {
			return 0;
		}
		double named = -1;
		double any = -1;
		for (String item : acceptEncoding.split(",")) {
			int semicolon = item.indexOf(';');
			String name = ((semicolon < 0) ? item : item.substring(0, semicolon)).trim();
			boolean matches = name.equalsIgnoreCase(coding) || (coding.equals(GZIP) && name.equalsIgnoreCase("x-gzip"));
			if (matches) {
				named = Math.max(named, quality(item, semicolon));
			}
			else if (name.equals("*")) {
				any = quality(item, semicolon);
			}
		}
		return (named >= 0) ? named : Math.max(any, 0);
	}

	/** The {@code q} parameter of one entry, 1 when it has none. */
	private static double quality(String item, int semicolon) {
		if (semicolon < 0) {
			return 1;
		}
		for (String parameter : item.substring(semicolon + 1).split(";")) {
			String p = parameter.trim();
			if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
				try {
					double q = Double.parseDouble(p.substring(2).trim());
					return (q >= 0 && q <= 1) ? q : 0;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

}
