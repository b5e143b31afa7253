package io.mongoose.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Accept-Encoding} as RFC 9110 reads it, and the encoder's output as the JDK's
 * decoders read it.
 */
class ContentCodingTest {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(delimiter = '|', nullValues = "none",
			value = { "gzip, deflate, br|gzip", "deflate, GZIP;q=0.5|deflate", "gzip;q=0|none", "br|none", "*|gzip",
					"none|none", "''|none", "identity;q=0|none", "x-gzip|gzip", "deflate|deflate",
					"*;q=0.3, gzip;q=0.2|deflate", "gzip;q=0.5, *;q=0|gzip", "gzip;q=abc, deflate;q=0.1|deflate",
					"gzip ; q=1.0 ; level=9|gzip", "gzip;q=2|none", "  GZip  |gzip", "deflate;q=0.5, gzip;q=0.5|gzip" })
	void negotiate(String acceptEncoding, String coding) {
		assertThat(ContentCoding.negotiate(acceptEncoding)).isEqualTo(coding);
	}

	@Test
	void accepts() {
		assertThat(ContentCoding.accepts("gzip, deflate", "gzip")).isTrue();
		assertThat(ContentCoding.accepts("deflate, GZIP;q=0.5", "gzip")).isTrue();
		assertThat(ContentCoding.accepts("gzip;q=0", "gzip")).isFalse();
		assertThat(ContentCoding.accepts("br", "gzip")).isFalse();
		assertThat(ContentCoding.accepts("*", "gzip")).isTrue();
		assertThat(ContentCoding.accepts(null, "gzip")).isFalse();
	}

	/** Pieces flushed one by one and the end make one stream the JDK decodes. */
	@Test
	void encoderStreamsDecodeAsOne() throws Exception {
		for (String coding : new String[] { ContentCoding.GZIP, ContentCoding.DEFLATE }) {
			BodyEncoder encoder = new BodyEncoder(coding);
			ByteArrayOutputStream stream = new ByteArrayOutputStream();
			StringBuilder expected = new StringBuilder();
			for (int i = 0; i < 50; i++) {
				byte[] piece = ("piece " + i + " ").repeat(i * 40 + 1).getBytes(StandardCharsets.UTF_8);
				expected.append(new String(piece, StandardCharsets.UTF_8));
				encoder.encode(piece, 0, piece.length);
				assertThat((long) encoder.length()).isLessThanOrEqualTo(BodyEncoder.bound(piece.length) + 10);
				stream.write(encoder.buffer(), 0, encoder.length());
			}
			encoder.finish();
			stream.write(encoder.buffer(), 0, encoder.length());
			ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
			byte[] decoded = coding.equals(ContentCoding.GZIP) ? new GZIPInputStream(in).readAllBytes()
					: new InflaterInputStream(in).readAllBytes();
			assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
			byte[] whole = BodyEncoder.encodeWhole(coding, expected.toString().getBytes(StandardCharsets.UTF_8));
			ByteArrayInputStream wholeIn = new ByteArrayInputStream(whole);
			byte[] wholeDecoded = coding.equals(ContentCoding.GZIP) ? new GZIPInputStream(wholeIn).readAllBytes()
					: new InflaterInputStream(wholeIn).readAllBytes();
			assertThat(new String(wholeDecoded, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
		}
	}

	/** Random bytes do not compress: the output stays within the bound. */
	@Test
	void incompressibleInputStaysWithinTheBound() {
		byte[] random = new byte[200_000];
		new java.util.Random(42).nextBytes(random);
		BodyEncoder encoder = new BodyEncoder(ContentCoding.GZIP);
		encoder.encode(random, 0, random.length);
		assertThat((long) encoder.length()).isLessThanOrEqualTo(BodyEncoder.bound(random.length));
		encoder.end();
	}

}
