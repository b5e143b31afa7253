package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MimeTypesTest {

	/**
	 * The MIME cases of test.pl, with its extra_mime_types option, in today's table (text
	 * in UTF-8, {@code text/javascript}, {@code application/gzip}).
	 */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|',
			value = { "hello.html|text/html; charset=utf-8", "hello.htm|text/html; charset=utf-8",
					"hello.txt|text/plain; charset=utf-8", "hello|text/plain; charset=utf-8",
					"hello.unknown_extension|text/plain; charset=utf-8", "hello.js|text/javascript; charset=utf-8",
					"hello.css|text/css; charset=utf-8", "hello.jpg|image/jpeg", "hello.c|text/plain; charset=utf-8",
					"hello.bar|foo/bar", "hello.baz|foo", "hello.tar.gz|blah", "hello.gz|application/gzip" })
	void perlSuite(String file, String type) {
		Map<String, String> extra = MimeTypes.parseExtra(".bar=foo/bar,.tar.gz=blah,.baz=foo");
		assertThat(MimeTypes.get(file, extra)).isEqualTo(type);
	}

	@Test
	void builtinTableCaseInsensitive() {
		assertThat(MimeTypes.get("INDEX.HTML")).isEqualTo("text/html; charset=utf-8");
		assertThat(MimeTypes.get("a.shtml")).isEqualTo("text/html; charset=utf-8");
		assertThat(MimeTypes.get("a.tgz")).isEqualTo("application/gzip");
		assertThat(MimeTypes.get("a.tar.gz")).isEqualTo("application/gzip");
		assertThat(MimeTypes.get("/dir.html/readme")).isEqualTo(MimeTypes.DEFAULT);
		assertThat(MimeTypes.get("html")).isEqualTo(MimeTypes.DEFAULT);
		assertThat(MimeTypes.get("a.png", null)).isEqualTo("image/png");
	}

	/** The types browsers expect today, each of them. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "a.js|text/javascript; charset=utf-8", "a.mjs|text/javascript; charset=utf-8",
			"a.json|application/json", "a.map|application/json", "a.svg|image/svg+xml", "a.woff2|font/woff2",
			"a.woff|font/woff", "a.ttf|font/ttf", "a.otf|font/otf", "a.wasm|application/wasm", "a.webp|image/webp",
			"a.avif|image/avif", "a.apng|image/apng", "a.ico|image/x-icon", "a.md|text/markdown; charset=utf-8",
			"a.markdown|text/markdown; charset=utf-8", "site.webmanifest|application/manifest+json",
			"a.csv|text/csv; charset=utf-8", "a.xml|text/xml; charset=utf-8", "a.xhtml|application/xhtml+xml",
			"a.pdf|application/pdf", "a.zip|application/zip", "a.yaml|application/yaml",
			"a.vtt|text/vtt; charset=utf-8", "a.mp3|audio/mpeg", "a.wav|audio/wav", "a.ogg|audio/ogg",
			"a.opus|audio/opus", "a.m4a|audio/mp4", "a.flac|audio/flac", "a.aac|audio/aac", "a.mp4|video/mp4",
			"a.webm|video/webm", "a.ogv|video/ogg", "a.mov|video/quicktime", "a.avi|video/x-msvideo" })
	void currentTypes(String file, String type) {
		assertThat(MimeTypes.get(file)).isEqualTo(type);
	}

	@Test
	void extraTypesTakeParameters() {
		Map<String, String> extra = MimeTypes
			.parseExtra(".txt=text/plain;charset=iso-8859-1, .dat = application/x-dat ; v=\"1 2\" ;  q=x");
		assertThat(MimeTypes.get("old.txt", extra)).isEqualTo("text/plain; charset=iso-8859-1");
		assertThat(MimeTypes.get("a.dat", extra)).isEqualTo("application/x-dat; v=\"1 2\"; q=x");
	}

	@Test
	void extraWinsAndIsCaseInsensitive() {
		Map<String, String> extra = MimeTypes.parseExtra(" .JS = text/javascript , .cpp=text/x-c");
		assertThat(extra).containsEntry(".js", "text/javascript");
		assertThat(MimeTypes.get("app.Js", extra)).isEqualTo("text/javascript");
		assertThat(MimeTypes.get("x.cpp", extra)).isEqualTo("text/x-c");
		assertThat(MimeTypes.parseExtra("")).isEmpty();
		assertThat(MimeTypes.parseExtra(null)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { ".bar", "bar=foo/bar", ".=x", ".a=", ".a=text/html,", ".a=te xt",
			".a=text/html\r\nX-Evil: 1", ".a=text/html;", ".a=text/html; charset", ".a=text/html; =x",
			".a=text/html; a=b c", ".a=text/html; a=\"b\r\n\"" })
	void malformedExtra(String option) {
		assertThatThrownBy(() -> MimeTypes.parseExtra(option)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("extra_mime_types");
	}

}
