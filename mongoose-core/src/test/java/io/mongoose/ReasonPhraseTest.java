package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;

/**
 * {@link Reply#reasonPhrase}: the phrase of every status line, over a real socket, and
 * the fallbacks for codes it does not name.
 */
class ReasonPhraseTest {

	@Test
	void statusLinesCarryThePhraseTheApiGives() throws Exception {
		try (RunningServer server = RunningServer.start(s -> s.addUriHandler("/status/", c -> {
			c.send(Reply.of(Integer.parseInt(c.uri().substring("/status/".length()))));
			return Result.DONE;
		}))) {
			for (int status : new int[] { 200, 404, 410, 422, 451, 299, 499, 599 }) {
				String reply = server
					.raw("GET /status/" + status + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
				assertThat(reply).startsWith("HTTP/1.1 " + status + " " + Reply.reasonPhrase(status) + "\r\n");
			}
		}
		assertThat(Reply.reasonPhrase(404)).isEqualTo("Not Found");
		assertThat(Reply.reasonPhrase(422)).isEqualTo("Unprocessable Content");
		assertThat(Reply.reasonPhrase(299)).isEqualTo("Status 299");
		assertThat(Reply.reasonPhrase(499)).isEqualTo("Client Error");
		assertThat(Reply.reasonPhrase(599)).isEqualTo("Server Error");
	}

}
