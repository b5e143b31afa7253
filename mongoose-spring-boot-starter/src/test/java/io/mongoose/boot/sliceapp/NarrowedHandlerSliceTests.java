package io.mongoose.boot.sliceapp;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import io.mongoose.DirectClient;
import io.mongoose.DirectWebSocket;
import io.mongoose.boot.UriHandler;
import io.mongoose.boot.test.MongooseHandlerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @MongooseHandlerTest(HelloHandler.class)}: the one handler named, so no service
 * is needed; the starter's callbacks stay.
 */
@DirtiesContext
@MongooseHandlerTest(HelloHandler.class)
class NarrowedHandlerSliceTests {

	@Autowired
	DirectClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void onlyTheNamedHandlerIsServed() {
		assertThat(this.context.getBeansWithAnnotation(UriHandler.class).values()).singleElement()
			.isInstanceOf(HelloHandler.class);
		assertThat(this.context.getBeanNamesForType(Greetings.class)).isEmpty();
		assertThat(this.client.get("/hello").text()).isEqualTo("hello");
		assertThat(this.client.get("/greet").text()).isEqualTo("no page here (404)");
		assertThatThrownBy(() -> this.client.webSocket("/ws/chat"))
			.isInstanceOfSatisfying(DirectWebSocket.RefusedException.class,
					(ex) -> assertThat(ex.response().status()).isEqualTo(404))
			.hasMessageContaining("404 Not Found");
	}

}
