package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mongoose.test.RawHttp;

/**
 * {@link FileUpload} over real sockets: bodies far larger than the server's buffers to
 * disk, the cap, and nothing left behind by a body that does not end.
 */
class FileUploadTest {

	@TempDir
	Path dir;

	private RunningServer start(long cap) throws InterruptedException {
		return RunningServer.start(s -> {
			// a buffered body could not pass these: 64 KiB and a 1 MiB budget
			assertThat(s.setOption("max_body_size", "65536")).isNull();
			assertThat(s.setOption("max_buffered_bytes", "1048576")).isNull();
			s.addUriHandler("/files/",
					new FileUpload(cap, c -> this.dir.resolve("in").resolve(c.uri().substring(7)), (c, file, size) -> {
						c.sendReply(201, "text/plain", file.getFileName() + " " + size);
						return Handler.Result.DONE;
					}, c -> {
						c.sendReply(200, "text/plain", "send a body");
						return Handler.Result.DONE;
					}));
		});
	}

	@Test
	void aBodyManyTimesTheBuffersIsStoredWholeAndReplacesTheOldFileAtOnce() throws Exception {
		byte[] body = StreamingBodyTest.random(6 << 20);
		Path old = Files.createDirectories(this.dir.resolve("in")).resolve("big.bin");
		Files.writeString(old, "old");
		Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-rw----"));
		try (RunningServer rs = start(1L << 30)) {
			HttpResponse<String> reply = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/files/big.bin")))
					.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(reply.statusCode()).isEqualTo(201);
			assertThat(reply.body()).isEqualTo("big.bin " + body.length);
			assertThat(Files.readAllBytes(old)).isEqualTo(body);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-rw----");
			HttpResponse<String> empty = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/files/empty.txt")))
					.PUT(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(empty.body()).isEqualTo("empty.txt 0");
			assertThat(this.dir.resolve("in/empty.txt")).isEmptyFile();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve("in/empty.txt"))))
				.isEqualTo("rw-r--r--");
			assertThat(rs.get("/files/x").body()).isEqualTo("send a body");
		}
		assertThat(names()).containsExactlyInAnyOrder("big.bin", "empty.txt");
	}

	@Test
	void overTheCapIs413AndNoFileIsLeft() throws Exception {
		try (RunningServer rs = start(100_000)) {
			RawHttp.Response declared = RawHttp.request(rs.port(), "PUT", "/files/declared.bin",
					"Content-Length: 100001");
			assertThat(declared.status()).isEqualTo(413);
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write("PUT /files/chunked.bin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				for (int i = 0; i < 20; i++) {
					out.write("1f40\r\n".getBytes(StandardCharsets.US_ASCII));
					out.write(new byte[8000]);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.flush();
				assertThat(StreamingBodyTest.readReply(socket).status()).isEqualTo(413);
			}
			awaitNoFiles();
		}
	}

	@Test
	void aClientThatLeavesMidBodyLeavesNothingAndTheOldFileIntact() throws Exception {
		Path old = Files.createDirectories(this.dir.resolve("in")).resolve("kept.txt");
		Files.writeString(old, "old content");
		try (RunningServer rs = start(1L << 30)) {
			try (Socket socket = new Socket("127.0.0.1", rs.port())) {
				OutputStream out = socket.getOutputStream();
				out.write("PUT /files/kept.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.write(new byte[2_000_000]);
				out.flush();
				// the upload is under way once its temporary file exists
				awaitNames(List.of("kept.txt"), true);
			}
			awaitNames(List.of("kept.txt"), false);
		}
		assertThat(old).hasContent("old content");
	}

	/** Waits until the upload directory holds no temporary file (10 s at most). */
	private void awaitNoFiles() throws Exception {
		awaitNames(List.of(), false);
		assertThat(names()).isEmpty();
	}

	/**
	 * Waits until the upload directory holds {@code kept} plus (or without) a temporary
	 * file.
	 */
	private void awaitNames(List<String> kept, boolean withTemporary) throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (true) {
			List<String> names = names();
			boolean temporary = names.stream().anyMatch(n -> n.startsWith(".mg-upload-"));
			if (temporary == withTemporary && names.containsAll(kept)) {
				return;
			}
			assertThat(System.nanoTime()).as("directory now: %s", names).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private List<String> names() throws Exception {
		Path in = this.dir.resolve("in");
		if (!Files.isDirectory(in)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(in)) {
			return files.map(p -> p.getFileName().toString()).toList();
		}
	}

}
