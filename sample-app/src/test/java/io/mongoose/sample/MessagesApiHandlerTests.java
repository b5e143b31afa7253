package io.mongoose.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.DirectClient;
import io.mongoose.DirectWebSocket;
import io.mongoose.boot.test.MongooseHandlerTest;

/**
 * The JSON API of {@link SampleApplicationTests} again, without a port: the same routes,
 * binding, validation and problem replies, reached in memory with
 * {@link MongooseHandlerTest}'s {@link DirectClient}, and the chat socket that a post
 * reaches. A slice: the API and the chat socket, with the real beans they need imported
 * (the chat room, the store, its thread, an H2 database in memory); the other pages,
 * sockets and the clock are not there. Its own database and data directory, so it never
 * shares the socket tests' files.
 */
@DirtiesContext
@MongooseHandlerTest(handlers = { MessagesApi.class, ChatSocket.class },
		properties = { "sample.data-dir=target/test-data-handlers",
				"spring.datasource.url=jdbc:h2:mem:handler-tests;DB_CLOSE_DELAY=-1",
				"spring.lifecycle.timeout-per-shutdown-phase=1s" })
@Import({ ChatRoom.class, MessageStore.class, ChatDatabase.class })
@EnableConfigurationProperties(SampleProperties.class)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceInitializationAutoConfiguration.class,
		JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class })
class MessagesApiHandlerTests {

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	@Autowired
	private DirectClient client;

	@Autowired
	private JsonMapper json;

	@Autowired
	private ApplicationContext context;

	@Test
	void theSliceHoldsTheNamedHandlersAndNoOtherPage() {
		assertThat(this.context.getBeanNamesForType(MessagesApi.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(UploadPage.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClockPusher.class)).isEmpty();
		assertThat(this.client.get("/events").status()).isEqualTo(404); // LiveEvents is
																		// not there
	}

	@Test
	void aPostedMessageReachesAChatSocket() {
		try (DirectWebSocket chat = this.client.webSocket("/ws/chat")) {
			DirectClient.Response created = this.client.request("POST", "/api/messages", JSON,
					"{\"text\": \"to the socket\", \"user\": \"poster\"}");
			assertThat(created.status()).isEqualTo(201);
			JsonNode message;
			int seen = 0;
			do { // the history and the users count come first
				message = this.json.readTree(chat.nextText());
				assertThat(++seen).as("messages before the post").isLessThan(60);
			}
			while (!"to the socket".equals(message.path("text").asString()));
			assertThat(message.get("type").asString()).isEqualTo("chat");
			assertThat(message.get("user").asString()).isEqualTo("poster");
		}
	}

	@Test
	void postedMessagesAreListed() {
		DirectClient.Response created = this.client.request("POST", "/api/messages", JSON,
				"{\"text\": \"hello direct\", \"user\": \"tester\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Content-Type")).isEqualTo("application/json");
		JsonNode message = this.json.readTree(created.text());
		assertThat(message.get("user").asString()).isEqualTo("tester");
		assertThat(message.get("text").asString()).isEqualTo("hello direct");
		DirectClient.Response list = this.client.get("/api/messages");
		assertThat(list.status()).isEqualTo(200);
		assertThat(this.json.readTree(list.text()).valueStream().map((m) -> m.get("text").asString()))
			.contains("hello direct");
	}

	@Test
	void invalidMessagesAre400WithAJsonError() {
		for (String body : List.of("{\"text\": \"  \"}", "{}", "not json", "{\"text\": \"" + "x".repeat(501) + "\"}")) {
			DirectClient.Response response = this.client.request("POST", "/api/messages", JSON, body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			JsonNode error = this.json.readTree(response.text());
			assertThat(error.get("status").asInt()).isEqualTo(400);
			assertThat(error.get("title").asString()).isEqualTo("Bad Request");
			assertThat(error.get("detail").asString()).isNotBlank();
		}
		DirectClient.Response delete = this.client.request("DELETE", "/api/messages");
		assertThat(delete.status()).isEqualTo(405);
		assertThat(delete.header("Allow")).contains("GET");
	}

}
