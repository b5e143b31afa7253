package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsFileTest {

	@TempDir
	Path dir;

	private static List<String> lines(Path f) throws Exception {
		return Files.readAllLines(f, StandardCharsets.UTF_8);
	}

	@Test
	void ha1IsLowercaseHexMd5() {
		// MD5("Mufasa:testrealm@host.com:Circle Of Life"), RFC 2617 section 3.5.
		assertThat(PasswordsFile.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"))
			.isEqualTo("939e7578ed9e3c518a452acee763bce9");
		assertThat(PasswordsFile.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
	}

	@Test
	void addThenEditProducesOneLine() throws Exception {
		Path f = dir.resolve(".htpasswd");
		assertThat(PasswordsFile.modify(f, "a", "b", "c")).isTrue();
		assertThat(lines(f)).containsExactly("b:a:" + PasswordsFile.ha1("b", "a", "c"));
		assertThat(PasswordsFile.modify(f, "a", "b", "d")).isTrue();
		assertThat(lines(f)).containsExactly("b:a:" + PasswordsFile.ha1("b", "a", "d"));
		assertThat(PasswordsFile.lookup(f, "b", "a")).contains(PasswordsFile.ha1("b", "a", "d"));
	}

	@Test
	void otherUsersRealmsAreKeptMalformedLinesAndDuplicatesDropped() throws Exception {
		Path f = dir.resolve("pw");
		Files.writeString(f, "joe:r1:aaaa\nbroken line\n\njoe:r2:bbbb\nx::y\nann:r1:cccc\njoe:r1:dddd\n");
		assertThat(PasswordsFile.modify(f, "r1", "joe", "new")).isTrue();
		assertThat(lines(f)).containsExactly("joe:r1:" + PasswordsFile.ha1("joe", "r1", "new"), "joe:r2:bbbb",
				"ann:r1:cccc");
		assertThat(PasswordsFile.lookup(f, "joe", "r2")).contains("bbbb");
		assertThat(PasswordsFile.lookup(f, "joe", "r3")).isEmpty();
	}

	@Test
	void nullOrEmptyPasswordDeletes() throws Exception {
		Path f = dir.resolve("pw");
		assertThat(PasswordsFile.modify(f, "r", "u1", "p")).isTrue();
		assertThat(PasswordsFile.modify(f, "r", "u2", "p")).isTrue();
		assertThat(PasswordsFile.modify(f, "r", "u1", null)).isTrue();
		assertThat(lines(f)).containsExactly("u2:r:" + PasswordsFile.ha1("u2", "r", "p"));
		assertThat(PasswordsFile.modify(f, "r", "u2", "")).isTrue();
		assertThat(lines(f)).isEmpty();
		assertThat(PasswordsFile.modify(f, "r", "nobody", null)).isTrue();
		assertThat(PasswordsFile.lookup(f, "u2", "r")).isEmpty();
	}

	@Test
	void invalidFieldsAndIoErrorsReturnFalse() throws Exception {
		Path f = dir.resolve("pw");
		assertThat(PasswordsFile.modify(f, "r", "a:b", "p")).isFalse();
		assertThat(PasswordsFile.modify(f, "r\n", "a", "p")).isFalse();
		assertThat(PasswordsFile.modify(f, "r", "", "p")).isFalse();
		assertThat(Files.exists(f)).isFalse();
		assertThat(PasswordsFile.modify(dir.resolve("missing-dir/pw"), "r", "u", "p")).isFalse();
		assertThat(PasswordsFile.lookup(dir.resolve("missing"), "u", "r")).isEmpty();
	}

	@Test
	void leftoverTempFilesNeverReplaceTheRealFile() throws Exception {
		Path f = dir.resolve(".htpasswd");
		assertThat(PasswordsFile.modify(f, "r", "keep", "p")).isTrue();
		// A crashed editor (this one or the C tool) may leave temp files behind.
		Files.writeString(dir.resolve(".htpasswd.tmp"), "evil:r:0000\n");
		Files.writeString(dir.resolve("..htpasswd.123.tmp"), "evil:r:0000\n");
		assertThat(PasswordsFile.modify(f, "r", "new", "q")).isTrue();
		assertThat(lines(f)).containsExactly("keep:r:" + PasswordsFile.ha1("keep", "r", "p"),
				"new:r:" + PasswordsFile.ha1("new", "r", "q"));
		try (var files = Files.list(dir)) {
			Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
			// Our own temp files are cleaned up; only the planted ones remain.
			assertThat(names).containsExactlyInAnyOrder(".htpasswd", ".htpasswd.lock", ".htpasswd.tmp",
					"..htpasswd.123.tmp");
		}
	}

	@Test
	void symlinkedFileIsEditedThroughTheLink() throws Exception {
		Path real = dir.resolve("real-pw");
		Path link = dir.resolve("link-pw");
		try {
			Files.createSymbolicLink(link, real.getFileName());
		}
		catch (UnsupportedOperationException | java.io.IOException e) {
			return; // no symlinks on this platform
		}
		Files.writeString(real, "");
		assertThat(PasswordsFile.modify(link, "r", "u", "p")).isTrue();
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(lines(real)).containsExactly("u:r:" + PasswordsFile.ha1("u", "r", "p"));
	}

	/**
	 * Entry point for the other-process editor of
	 * {@link #concurrentProcessesLoseNothing}.
	 */
	public static void main(String[] args) {
		Path f = Path.of(args[0]);
		for (int i = 0; i < Integer.parseInt(args[2]); i++) {
			if (!PasswordsFile.modify(f, "realm", args[1] + i, "pw")) {
				System.exit(1);
			}
		}
	}

	@Test
	void concurrentProcessesLoseNothing() throws Exception {
		Path f = dir.resolve("pw");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<Process> children = new ArrayList<>();
		for (int p = 0; p < 2; p++) {
			children.add(new ProcessBuilder(java, "-cp", RunningServer.childClassPath(),
					PasswordsFileTest.class.getName(), f.toString(), "proc" + p + "_", "25")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start());
		}
		// Keep editing until both children are done, so the editors really overlap.
		int local = 0;
		while (children.stream().anyMatch(Process::isAlive) || local < 25) {
			assertThat(PasswordsFile.modify(f, "realm", "local" + local, "pw")).isTrue();
			local++;
		}
		for (Process c : children) {
			assertThat(c.waitFor()).isZero();
		}
		List<String> lines = lines(f);
		String lastLocal = "local" + (local - 1) + ":realm:";
		assertThat(lines).hasSize(50 + local).doesNotHaveDuplicates();
		assertThat(lines).anyMatch(l -> l.startsWith("proc0_24:realm:"))
			.anyMatch(l -> l.startsWith("proc1_24:realm:"))
			.anyMatch(l -> l.startsWith(lastLocal));
	}

	@Test
	void concurrentEditorsLoseNothing() throws Exception {
		Path f = dir.resolve("pw");
		// Different spellings of the same file must share one lock.
		Path[] spellings = { f, dir.resolve("./pw"), dir.resolve("sub/../pw") };
		Files.createDirectories(dir.resolve("sub"));
		int threads = 8;
		int perThread = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			final int id = t;
			results.add(pool.submit(() -> {
				start.await();
				boolean ok = true;
				for (int i = 0; i < perThread; i++) {
					ok &= PasswordsFile.modify(spellings[(id + i) % spellings.length], "realm", "user" + id + "_" + i,
							"pw" + i);
				}
				return ok;
			}));
		}
		start.countDown();
		for (Future<Boolean> r : results) {
			assertThat(r.get()).isTrue();
		}
		pool.shutdown();
		List<String> lines = lines(f);
		assertThat(lines).hasSize(threads * perThread);
		assertThat(new HashSet<>(lines)).hasSize(threads * perThread);
		for (int t = 0; t < threads; t++) {
			for (int i = 0; i < perThread; i++) {
				String u = "user" + t + "_" + i;
				assertThat(lines).contains(u + ":realm:" + PasswordsFile.ha1(u, "realm", "pw" + i));
			}
		}
	}

}
