package io.mongoose.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapper alone, fed paths the HTTP parser would already have refused. */
class FileMapperTest {

	@TempDir
	Path tmp;

	@Test
	void confinesPathsToTheRoot() throws Exception {
		Path root = Files.createDirectories(this.tmp.resolve("root"));
		Files.writeString(root.resolve("a.txt"), "a");
		Files.writeString(this.tmp.resolve("secret.txt"), "s");
		Files.createSymbolicLink(root.resolve("out"), this.tmp);
		Files.createDirectories(root.resolve("d"));
		FileMapper mapper = new FileMapper(root, UrlRewrites.NONE, "**.bak$");
		assertThat(mapper.map("/a.txt").status()).isEqualTo(FileMapper.Status.FOUND);
		assertThat(mapper.map("/d/").isDirectory()).isTrue();
		assertThat(mapper.map("/../secret.txt").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/d/../../secret.txt").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/..\\secret.txt").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/a.txt\0").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/out/secret.txt").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/out/").status()).isEqualTo(FileMapper.Status.FORBIDDEN);
		assertThat(mapper.map("/x.bak").path()).isNull();
		assertThat(mapper.map("/d/.htpasswd").path()).isNull();
		assertThat(mapper.map("/missing").status()).isEqualTo(FileMapper.Status.NOT_FOUND);
		assertThat(new FileMapper(null, UrlRewrites.NONE, null).map("/a.txt").status())
			.isEqualTo(FileMapper.Status.NOT_FOUND);
	}

	@Test
	void hiddenNames() {
		FileMapper mapper = new FileMapper(null, UrlRewrites.NONE, "*.tmp|secret*");
		assertThat(mapper.isHiddenName(".htpasswd")).isTrue();
		assertThat(mapper.isHiddenName(".HtPasswd")).isTrue();
		assertThat(mapper.isHiddenName("..htpasswd.123.tmp")).isTrue();
		assertThat(mapper.isHiddenName("x.tmp")).isTrue();
		assertThat(mapper.isHiddenName("secret.txt")).isTrue();
		assertThat(mapper.isHiddenName("public.txt")).isFalse();
	}

	@Test
	void rewritesMapPrefixesAndErrorCodes() {
		UrlRewrites r = UrlRewrites.parse("/img=/var/images, 404=/e.html ,/a/=/srv/a");
		assertThat(r.map("/img/x.png").path()).isEqualTo(Path.of("/var/images/x.png"));
		assertThat(r.map("/img").path()).isEqualTo(Path.of("/var/images"));
		assertThat(r.map("/imgx")).isNull();
		assertThat(r.map("/a/b").path()).isEqualTo(Path.of("/srv/a/b"));
		assertThat(r.map("/other")).isNull();
		assertThat(r.errorPage(404)).isEqualTo("/e.html");
		assertThat(r.errorPage(403)).isNull();
	}

	@Test
	void malformedRewritesAreRefused() {
		for (String bad : new String[] { "nonsense", "=/x", "/x=", "200=/x", "99999=/x" }) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> UrlRewrites.parse(bad));
		}
	}

}
