package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Connection#sendFile}: a file as the body of a reply the handler began, straight
 * from disk.
 */
class SendFileTest {

	@Test
	void aFileFollowsTheHeadersTheHandlerSet(@TempDir Path dir) throws Exception {
		byte[] content = new byte[3 * 1024 * 1024]; // far above the send queue's limit
		new Random(7).nextBytes(content);
		Path file = Files.write(dir.resolve("data.bin"), content);
		try (RunningServer rs = RunningServer.start(s -> {
			s.setOption("send_queue_limit", "65536");
			s.addUriHandler("/file", c -> {
				c.sendStatus(201).sendHeader("Content-Disposition", "attachment; filename=\"data.bin\"");
				try {
					assertThat(c.sendFile(file, "application/octet-stream")).isTrue();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				return Handler.Result.DONE;
			});
		})) {
			HttpResponse<byte[]> reply = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/file"))).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			assertThat(reply.statusCode()).isEqualTo(201);
			assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
			assertThat(reply.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
			assertThat(reply.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"data.bin\"");
			assertThat(reply.body()).isEqualTo(content);
			// the connection is kept: a second request on it is answered too
			HttpResponse<String> head = RunningServer.client()
				.send(HttpRequest.newBuilder(URI.create(rs.url("/file")))
					.method("HEAD", HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(head.statusCode()).isEqualTo(201);
			assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
			assertThat(head.body()).isEmpty();
		}
	}

	@Test
	void aSingleRangeOfAHandlerChosenFileIs206AndAnImpossibleOne416(@TempDir Path dir) throws Exception {
		byte[] content = new byte[100_000];
		new Random(9).nextBytes(content);
		Path file = Files.write(dir.resolve("chosen.bin"), content);
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/pick", c -> {
			try {
				c.sendFile(file, "application/octet-stream");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return Handler.Result.DONE;
		}))) {
			HttpResponse<byte[]> middle = ranged(rs, "bytes=1000-1999", null);
			assertThat(middle.statusCode()).isEqualTo(206);
			assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
			assertThat(middle.headers().firstValue("Accept-Ranges")).hasValue("bytes");
			assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 2000));
			HttpResponse<byte[]> suffix = ranged(rs, "bytes=-10", null);
			assertThat(suffix.statusCode()).isEqualTo(206);
			assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 99_990, 100_000));
			HttpResponse<byte[]> beyond = ranged(rs, "bytes=200000-", null);
			assertThat(beyond.statusCode()).isEqualTo(416);
			assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100000");
			assertThat(beyond.body()).isEmpty();
			// several ranges, or an If-Range the reply has no validator for: the whole
			// file
			assertThat(ranged(rs, "bytes=0-1,5-6", null).body()).isEqualTo(content);
			HttpResponse<byte[]> conditional = ranged(rs, "bytes=0-9", "\"some-etag\"");
			assertThat(conditional.statusCode()).isEqualTo(200);
			assertThat(conditional.body()).isEqualTo(content);
		}
	}

	private static HttpResponse<byte[]> ranged(RunningServer rs, String range, String ifRange) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rs.url("/pick"))).header("Range", range);
		if (ifRange != null) {
			request.header("If-Range", ifRange);
		}
		return RunningServer.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void aFileThatCannotBeOpenedSendsNothingAndTheHandlerMayAnswerOtherwise(@TempDir Path dir) throws Exception {
		try (RunningServer rs = RunningServer.start(s -> s.addUriHandler("/missing", c -> {
			try {
				c.sendFile(dir.resolve("no-such-file"), "text/plain");
				c.sendReply(500, "text/plain", "sent a file that does not exist");
			}
			catch (IOException ex) {
				c.sendReply(404, "text/plain", "no such file");
			}
			return Handler.Result.DONE;
		}))) {
			HttpResponse<String> reply = rs.get("/missing");
			assertThat(reply.statusCode()).isEqualTo(404);
			assertThat(reply.body()).isEqualTo("no such file");
			assertThat(rs.get("/missing").statusCode()).as("the connection still serves").isEqualTo(404);
		}
	}

}
