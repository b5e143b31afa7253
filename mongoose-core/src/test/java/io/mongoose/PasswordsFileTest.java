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
        assertThat(lines(f)).containsExactly("joe:r1:" + PasswordsFile.ha1("joe", "r1", "new"),
                "joe:r2:bbbb", "ann:r1:cccc");
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
            assertThat(names).containsExactlyInAnyOrder(".htpasswd", ".htpasswd.lock",
                    ".htpasswd.tmp", "..htpasswd.123.tmp");
        }
    }

    @Test
    void concurrentEditorsLoseNothing() throws Exception {
        Path f = dir.resolve("pw");
        // Different spellings of the same file must share one lock.
        Path[] spellings = {f, dir.resolve("./pw"), dir.resolve("sub/../pw")};
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
                    ok &= PasswordsFile.modify(spellings[(id + i) % spellings.length], "realm",
                            "user" + id + "_" + i, "pw" + i);
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
