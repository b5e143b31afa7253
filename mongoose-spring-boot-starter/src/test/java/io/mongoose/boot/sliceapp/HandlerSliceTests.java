package io.mongoose.boot.sliceapp;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.DirectClient;
import io.mongoose.DirectWebSocket;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.test.MongooseHandlerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slice of {@link SliceApplication}: every handler and the error page, the service a
 * handler needs as the test imports it, and not the service nobody imported.
 */
// closed after the class: other tests count the IO threads of the JVM
@DirtiesContext
@MongooseHandlerTest(properties = "mongoose.extra-headers[X-Slice]=on")
@Import(Greetings.class)
class HandlerSliceTests {

	@Autowired
	DirectClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void theHandlersAreThereAndAnswerInMemory() {
		assertThat(this.context.getBeansWithAnnotation(UriHandler.class).values()).hasSize(3)
			.hasAtLeastOneElementOfType(HelloHandler.class)
			.hasAtLeastOneElementOfType(GreetingHandler.class)
			.hasAtLeastOneElementOfType(ChatSocket.class);
		assertThat(this.client.get("/hello").text()).isEqualTo("hello");
		assertThat(this.client.get("/greet?name=slice").text()).isEqualTo("Hello, slice");
	}

	@Test
	void aServiceNoOneImportedIsNotInTheContext() {
		assertThat(this.context.getBeanNamesForType(Reports.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(Greetings.class)).hasSize(1);
	}

	@Test
	void theStartersCallbacksAreThereAndAPropertyOfTheAnnotationApplies() {
		DirectClient.Response missing = this.client.get("/missing");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.text()).isEqualTo("no page here (404)");
		assertThat(missing.header("X-Slice")).isEqualTo("on");
	}

	@Test
	void aWebSocketHandlerTalksInMemoryAndClosesWithItsCode() {
		DirectWebSocket socket = this.client.webSocket("/ws/chat");
		assertThat(socket.nextText()).isEqualTo("welcome");
		socket.sendText("hi");
		assertThat(socket.nextText()).isEqualTo("echo: hi");
		socket.sendText("bye");
		assertThat(socket.awaitClose()).isEqualTo(new DirectWebSocket.CloseStatus(4000, "see you"));
	}

}
