package io.mongoose.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.PasswordsFile;
import io.mongoose.Server;

class PasswordsAndNoncesTest {

	@TempDir
	Path tmp;

	@Test
	void concurrentModifyPasswordsFileLosesAndDuplicatesNothing() throws Exception {
		Path file = this.tmp.resolve(".htpasswd");
		int threads = 8;
		int perThread = 20;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int id = t;
			results.add(pool.submit(() -> {
				start.await();
				boolean ok = true;
				for (int i = 0; i < perThread; i++) {
					ok &= Server.modifyPasswordsFile(file.toString(), "realm", "u" + id + "_" + i, "p" + i);
					// everybody also edits one shared user
					ok &= Server.modifyPasswordsFile(file.toString(), "realm", "shared", "t" + id + "_" + i);
				}
				return ok;
			}));
		}
		for (Future<Boolean> f : results) {
			assertThat(f.get()).isTrue();
		}
		pool.shutdown();
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(threads * perThread + 1);
		Set<String> users = new HashSet<>();
		for (String line : lines) {
			String[] f = line.split(":");
			assertThat(f).hasSize(3);
			assertThat(users.add(f[0])).as("user " + f[0] + " once").isTrue();
			if (!f[0].equals("shared")) {
				String i = f[0].substring(f[0].indexOf('_') + 1);
				assertThat(f[2]).isEqualTo(PasswordsFile.ha1(f[0], "realm", "p" + i));
			}
		}
		assertThat(users).contains("shared", "u0_0", "u7_19");
	}

	@Test
	void modifyPasswordsFileEditsAndDeletes() throws Exception {
		Path file = this.tmp.resolve("pw");
		assertThat(Server.modifyPasswordsFile(file.toString(), "a", "b", "c")).isTrue();
		assertThat(Server.modifyPasswordsFile(file.toString(), "a", "b", "d")).isTrue();
		assertThat(Files.readAllLines(file)).containsExactly("b:a:" + PasswordsFile.ha1("b", "a", "d"));
		assertThat(Server.modifyPasswordsFile(file.toString(), "a", "b", "")).isTrue();
		assertThat(Files.readAllLines(file)).isEmpty();
		assertThat(Server.modifyPasswordsFile(file.toString(), "a", "b:x", "c")).isFalse();
		assertThat(Server.modifyPasswordsFile(null, "a", "b", "c")).isFalse();
	}

	@Test
	void noncesAreVerifiedAndExpire() {
		Nonces nonces = new Nonces(1000);
		long now = System.currentTimeMillis();
		String nonce = nonces.issue(now);
		assertThat(nonces.check(nonce, now + 500)).isEqualTo(Nonces.Check.VALID);
		assertThat(nonces.check(nonce, now + 1500)).isEqualTo(Nonces.Check.STALE);
		assertThat(new Nonces(1000).check(nonce, now)).isEqualTo(Nonces.Check.INVALID); // another
																						// server's
																						// key
		String tampered = Long.toHexString(now + 100_000) + nonce.substring(nonce.indexOf('.'));
		assertThat(nonces.check(tampered, now)).isEqualTo(Nonces.Check.INVALID);
		assertThat(nonces.check("", now)).isEqualTo(Nonces.Check.INVALID);
		assertThat(nonces.check("zz.y", now)).isEqualTo(Nonces.Check.INVALID);
		assertThat(nonces.check(null, now)).isEqualTo(Nonces.Check.INVALID);
	}

	@Test
	void nonceCountsOnlyGrowAndAForgottenNonceIsStale() {
		Nonces nonces = new Nonces(1000, 2);
		long now = System.currentTimeMillis();
		String a = nonces.issue(now);
		String b = nonces.issue(now + 1);
		String c = nonces.issue(now + 2);
		assertThat(nonces.issue(now)).isNotEqualTo(a); // same millisecond, another nonce
		assertThat(nonces.use(a, 1, now + 10)).isTrue();
		assertThat(nonces.use(a, 1, now + 10)).isFalse(); // replayed
		assertThat(nonces.use(a, 3, now + 10)).isTrue();
		assertThat(nonces.use(a, 2, now + 10)).isFalse(); // lower than the last
		assertThat(nonces.use(b, 1, now + 10)).isTrue();
		assertThat(nonces.use(c, 1, now + 10)).isTrue(); // the table is full: a is
															// forgotten
		assertThat(nonces.tracked()).isEqualTo(2);
		assertThat(nonces.use(a, 4, now + 10)).isFalse(); // forgotten means stale, never
															// replayable
		assertThat(nonces.use(nonces.issue(now), 1, now + 10)).isFalse(); // issued before
																			// the
																			// forgotten
																			// one
		assertThat(nonces.use(b, 2, now + 10)).isTrue();
		// expired nonces leave the table
		assertThat(nonces.use(nonces.issue(now + 3000), 1, now + 3000)).isTrue();
		assertThat(nonces.tracked()).isEqualTo(1);
		assertThat(nonces.use("forged.1.x", 1, now)).isFalse();
	}

	@Test
	void responseMatchesTheRfc2617Example() {
		// RFC 2617 §3.5: Mufasa / Circle Of Life
		String ha1 = PasswordsFile.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
		assertThat(DigestAuth.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET",
				"/dir/index.html"))
			.isEqualTo("6629fae49393a05397450978507c4ef1");
	}

}
