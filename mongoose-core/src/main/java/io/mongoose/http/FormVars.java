package io.mongoose.http;

// TEMPORARY STUB - replaced by helper branch h-util
public final class FormVars {
	private FormVars() {}
	public static String getVar(byte[] data, int off, int len, String name) {
		String s = new String(data, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
		for (String kv : s.split("&")) { int i = kv.indexOf('='); if (i > 0 && kv.substring(0, i).equalsIgnoreCase(name)) return UrlCodec.decode(kv.substring(i + 1), true); }
		return null;
	}
	public static int getVar(byte[] data, int off, int len, String name, byte[] dst) {
		String v = getVar(data, off, len, name);
		if (v == null) return -1;
		byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		if (dst == null || dst.length <= b.length) return -2;
		System.arraycopy(b, 0, dst, 0, b.length); dst[b.length] = 0; return b.length;
	}
}
