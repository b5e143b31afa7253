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
