package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** multipart/form-data parsing. */
class MultipartFuzzTest {

	/**
	 * Arbitrary input: the first line is the Content-Type value, the rest the body. Only
	 * IllegalArgumentException may come out, and the parts hold no more than the body.
	 */
	@FuzzTest(maxDuration = "60s")
	void arbitraryBody(byte[] data) {
		int nl = 0;
		while (nl < data.length && data[nl] != '\n') {
			nl++;
		}
		String contentType = new String(data, 0, nl, StandardCharsets.UTF_8);
		int off = Math.min(nl + 1, data.length);
		byte[] buf = new byte[data.length + 8];
		Arrays.fill(buf, (byte) '-');
		System.arraycopy(data, off, buf, 3, data.length - off);
		List<Multipart.Part> parts;
		try {
			parts = Multipart.parse(buf, 3, data.length - off, contentType);
		}
		catch (IllegalArgumentException expected) {
			return;
		}
		long total = 0;
		for (Multipart.Part p : parts) {
			total += p.data().length;
			assertThatCode(p::toString).doesNotThrowAnyException();
		}
		assertThat(total).isLessThanOrEqualTo(data.length - off);
		assertThat(parts.size()).isLessThanOrEqualTo(data.length / 4 + 1);
	}

	/**
	 * A body encoded from the input parses back. Input: byte 0 = boundary length and
	 * flags; then the boundary characters; then part contents separated by NUL bytes.
	 */
	@FuzzTest(maxDuration = "60s")
	void roundTrip(byte[] data) {
		if (data.length == 0) {
			return;
		}
		int flags = data[0] & 0xFF;
		int bLen = Math.min(1 + (flags & 0x3F), data.length - 1);
		if (bLen <= 0) {
			return;
		}
		String bchars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < bLen; i++) {
			b.append(bchars.charAt((data[1 + i] & 0xFF) % bchars.length()));
		}
		if (b.charAt(b.length() - 1) == ' ') {
			b.setCharAt(b.length() - 1, 'x'); // RFC 2046: no trailing space
		}
		String boundary = b.toString();
		byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);

		List<byte[]> contents = new ArrayList<>();
		int start = 1 + bLen;
		for (int i = start; i <= data.length; i++) {
			if (i == data.length || data[i] == 0) {
				contents.add(Arrays.copyOfRange(data, start, i));
				start = i + 1;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ((flags & 0x40) != 0) {
			body.writeBytes("preamble\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		List<Multipart.Part> expected = new ArrayList<>();
		for (int i = 0; i < contents.size(); i++) {
			byte[] c = contents.get(i);
			if (indexOf(c, delimiter) >= 0 || indexOf(c, Arrays.copyOfRange(delimiter, 2, delimiter.length)) == 0) {
				return; // the content holds the delimiter: not encodable with this
						// boundary
			}
			String name = "f" + i;
			String fileName = (flags & 0x80) != 0 && i % 2 == 1 ? "a \"q\"; b" + i + ".bin" : null;
			String type = fileName != null ? "application/octet-stream" : null;
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
					+ (fileName == null ? "" : "; filename=\"" + fileName.replace("\"", "\\\"") + "\"")
					+ (type == null ? "" : "\r\nContent-Type: " + type) + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(c);
			body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			expected.add(new Multipart.Part(name, fileName, type, c));
		}
		body.writeBytes(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
		byte[] bytes = body.toByteArray();
		String quotedBoundary = "\"" + boundary + "\"";
		String ct = "multipart/form-data; boundary=" + quotedBoundary;
		assertThat(Multipart.parse(bytes, 0, bytes.length, ct)).isEqualTo(expected);
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= hay.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (hay[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
