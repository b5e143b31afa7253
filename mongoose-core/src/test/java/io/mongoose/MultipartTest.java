package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartTest {

	private static final String CT = "multipart/form-data; boundary=xyz";

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static List<Multipart.Part> parse(String body, String ct) {
		byte[] data = b(body);
		return Multipart.parse(data, 0, data.length, ct);
	}

	@Test
	void twoPartsWithNameAndQuotedFileName() {
		String body = "--xyz\r\n" + "Content-Disposition: form-data; name=f1\r\n\r\n" + "some_content\r\n" + "--xyz\r\n"
				+ "Content-Disposition: form-data; name=\"f2\"; filename=\"foo bar.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n" + "another_content\r\n" + "--xyz--\r\n";
		List<Multipart.Part> parts = parse(body, CT);
		assertThat(parts).hasSize(2);
		assertThat(parts.get(0).name()).isEqualTo("f1");
		assertThat(parts.get(0).fileName()).isNull();
		assertThat(parts.get(0).contentType()).isNull();
		assertThat(parts.get(0).text()).isEqualTo("some_content");
		assertThat(parts.get(1).name()).isEqualTo("f2");
		assertThat(parts.get(1).fileName()).isEqualTo("foo bar.txt");
		assertThat(parts.get(1).contentType()).isEqualTo("text/plain");
		assertThat(parts.get(1).data()).isEqualTo(b("another_content"));
	}

	@Test
	void quotedBoundaryPreambleEpilogueOffsetAndEscapes() {
		String body = "junk\r\nThis is the preamble\r\n" + "--a b:c\r\n"
				+ "content-disposition: form-data; filename=\"q\\\"uote;d.txt\"; name=up\r\n\r\n" + "x\r\n"
				+ "--a b:c--\r\nepilogue";
		byte[] data = b(body);
		List<Multipart.Part> parts = Multipart.parse(data, 6, data.length - 6,
				"Multipart/Form-Data; charset=utf-8; Boundary=\"a b:c\"");
		assertThat(parts).singleElement().satisfies(p -> {
			assertThat(p.name()).isEqualTo("up");
			assertThat(p.fileName()).isEqualTo("q\"uote;d.txt");
			assertThat(p.text()).isEqualTo("x");
		});
	}

	@Test
	void binaryDataWithCrLfAndDashesIsPreserved() throws Exception {
		byte[] payload = new byte[512];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) (i * 31 + 7);
		}
		byte[] tricky = b("\r\n--xy\r\n\r\n-xyz--\n--xyz\r--");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(b("--xyz\r\nContent-Disposition: form-data; name=\"bin\"; filename=\"a.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n"));
		out.write(tricky);
		out.write(payload);
		out.write(b("\r\n--xyz\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--xyz--"));
		byte[] body = out.toByteArray();
		List<Multipart.Part> parts = Multipart.parse(body, 0, body.length, CT);
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.write(tricky);
		expected.write(payload);
		assertThat(parts).hasSize(2);
		assertThat(parts.get(0).data()).isEqualTo(expected.toByteArray());
		assertThat(parts.get(0).contentType()).isEqualTo("application/octet-stream");
		assertThat(parts.get(1).name()).isEqualTo("empty");
		assertThat(parts.get(1).data()).isEmpty();
	}

	@Test
	void utf8AndExtendedFileNames() {
		String body = "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"да.txt\"\r\n\r\n1\r\n"
				+ "--xyz\r\nContent-Disposition: form-data; name=\"g\"; filename=\"x\"; "
				+ "filename*=UTF-8''%D0%B4%D0%B0.txt\r\n\r\n2\r\n--xyz--";
		List<Multipart.Part> parts = parse(body, CT);
		assertThat(parts.get(0).fileName()).isEqualTo("да.txt");
		assertThat(parts.get(1).fileName()).isEqualTo("да.txt");
	}

	@Test
	void onlyTheClosingDelimiterIsNoParts() {
		assertThat(parse("--xyz--\r\n", CT)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "garbage without boundary", "--xyz", "--xyz\r\n",
			"--xyz\r\nContent-Disposition: form-data; name=a\r\n",
			"--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue without end",
			"--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue\r\n--xyz", "--xyzX\r\n\r\nv\r\n--xyz--",
			"--xyz\r\nno colon here\r\n\r\nv\r\n--xyz--" })
	void malformedBodies(String body) {
		assertThatThrownBy(() -> parse(body, CT)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ultipart");
	}

	@ParameterizedTest
	@ValueSource(strings = { "multipart/form-data", "multipart/form-data; boundary=",
			"multipart/form-data; boundary=\"\"", "text/plain" })
	void missingBoundary(String ct) {
		assertThatThrownBy(() -> parse("--xyz--", ct)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("boundary");
	}

	@Test
	void nullContentType() {
		assertThatThrownBy(() -> parse("--xyz--", null)).isInstanceOf(IllegalArgumentException.class);
	}

}
