package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MimeTypesTest {

	/** The MIME cases of test.pl, with its extra_mime_types option. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "hello.html, text/html", "hello.htm, text/html", "hello.txt, text/plain", "hello, text/plain",
			"hello.unknown_extension, text/plain", "hello.js, application/x-javascript", "hello.css, text/css",
			"hello.jpg, image/jpeg", "hello.c, text/plain", "hello.bar, foo/bar", "hello.baz, foo",
			"hello.tar.gz, blah", "hello.gz, application/x-gunzip", })
	void perlSuite(String file, String type) {
		Map<String, String> extra = MimeTypes.parseExtra(".bar=foo/bar,.tar.gz=blah,.baz=foo");
		assertThat(MimeTypes.get(file, extra)).isEqualTo(type);
	}

	@Test
	void builtinTableCaseInsensitiveAndAdditions() {
		assertThat(MimeTypes.get("INDEX.HTML")).isEqualTo("text/html");
		assertThat(MimeTypes.get("a.shtml")).isEqualTo("text/html");
		assertThat(MimeTypes.get("a.json")).isEqualTo("text/json");
		assertThat(MimeTypes.get("a.tgz")).isEqualTo("application/x-tar-gz");
		assertThat(MimeTypes.get("a.tar.gz")).isEqualTo("application/x-gunzip");
		assertThat(MimeTypes.get("a.ttf")).isEqualTo("application/x-font-ttf");
		assertThat(MimeTypes.get("a.wasm")).isEqualTo("application/wasm");
		assertThat(MimeTypes.get("a.woff")).isEqualTo("font/woff");
		assertThat(MimeTypes.get("a.woff2")).isEqualTo("font/woff2");
		assertThat(MimeTypes.get("a.mjs")).isEqualTo("text/javascript");
		assertThat(MimeTypes.get("/dir.html/readme")).isEqualTo("text/plain");
		assertThat(MimeTypes.get("html")).isEqualTo("text/plain");
		assertThat(MimeTypes.get("a.xhtml")).isEqualTo("text/plain");
		assertThat(MimeTypes.get("a.png", null)).isEqualTo("image/png");
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
	@ValueSource(
			strings = { ".bar", "bar=foo/bar", ".=x", ".a=", ".a=text/html,", ".a=te xt", ".a=text/html\r\nX-Evil: 1" })
	void malformedExtra(String option) {
		assertThatThrownBy(() -> MimeTypes.parseExtra(option)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("extra_mime_types");
	}

}
