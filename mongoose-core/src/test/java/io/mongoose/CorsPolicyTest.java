package io.mongoose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mongoose.Handler.Result;
import io.mongoose.test.RawHttp;
import io.mongoose.test.RawHttp.Response;

/** {@link CorsPolicy}: preflights and decorated replies, over real sockets. */
class CorsPolicyTest {

	private static final String APP = "https://app.example.com";

	private static RunningServer server(CorsPolicy policy) throws InterruptedException {
		return RunningServer.start(s -> {
			s.setCorsPolicy(policy);
			s.addUriHandler("/api", Router.builder().get("/items", c -> {
				c.sendReply(200, "text/plain", "items");
				return Result.DONE;
			}).put("/items", c -> {
				c.sendReply(200, "text/plain", "put " + c.content().length);
				return Result.DONE;
			}).build());
			s.setAuthHandler(c -> {
				if (c.uri().startsWith("/api/secret")) {
					c.sendReply(401, "text/plain", "no");
					return Result.DONE;
				}
				return Result.NOT_HANDLED;
			});
		});
	}

	private static CorsPolicy policy() {
		return CorsPolicy.builder()
			.allowedOrigins(APP)
			.allowedMethods("GET", "PUT")
			.allowedHeaders("Content-Type", "X-Token")
			.exposedHeaders("X-Total")
			.allowCredentials(true)
			.maxAge(Duration.ofMinutes(10))
			.build();
	}

	@Test
	void aPreflightOfAnAllowedOriginIs204WithTheHeadersBeforeAnyAuth() throws Exception {
		try (RunningServer server = server(policy())) {
			for (String path : new String[] { "/api/items", "/api/secret" }) {
				Response reply = RawHttp.request(server.port(), "OPTIONS", path, "Origin: " + APP,
						"Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: content-type, x-token");
				assertThat(reply.status()).as(path).isEqualTo(204);
				assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(APP);
				assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, PUT");
				assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type, X-Token");
				assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
				assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("600");
				assertThat(reply.header("Vary")).isEqualTo("Origin");
			}
		}
	}

	@Test
	void aPreflightFromAnotherOriginOrForAnotherMethodOrHeaderIs403() throws Exception {
		try (RunningServer server = server(policy())) {
			String[][] cases = { { "Origin: https://evil.example", "Access-Control-Request-Method: GET" },
					{ "Origin: " + APP, "Access-Control-Request-Method: DELETE" }, { "Origin: " + APP,
							"Access-Control-Request-Method: GET", "Access-Control-Request-Headers: X-Other" } };
			for (String[] headers : cases) {
				Response reply = RawHttp.request(server.port(), "OPTIONS", "/api/items", headers);
				assertThat(reply.status()).as(String.join(", ", headers)).isEqualTo(403);
				assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
			}
			assertThat(RawHttp.request(server.port(), "GET", "/api/items").text()).isEqualTo("items");
		}
	}

	@Test
	void repliesToAnAllowedOriginCarryTheHeadersOthersNone() throws Exception {
		try (RunningServer server = server(policy())) {
			Response allowed = RawHttp.request(server.port(), "GET", "/api/items", "Origin: " + APP);
			assertThat(allowed.text()).isEqualTo("items");
			assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
			assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
			assertThat(allowed.header("Access-Control-Expose-Headers")).isEqualTo("X-Total");
			assertThat(allowed.header("Vary")).isEqualTo("Origin");
			// an error reply (here a 404 of no route) is decorated too, so the page can
			// read it
			Response missing = RawHttp.request(server.port(), "GET", "/api/none", "Origin: " + APP);
			assertThat(missing.status()).isEqualTo(404);
			assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo(APP);
			Response denied = RawHttp.request(server.port(), "GET", "/api/items", "Origin: https://evil.example");
			assertThat(denied.text()).isEqualTo("items");
			assertThat(denied.header("Access-Control-Allow-Origin")).isNull();
			assertThat(denied.header("Vary")).isEqualTo("Origin");
			// a plain OPTIONS is the router's, not a preflight
			Response options = RawHttp.request(server.port(), "OPTIONS", "/api/items", "Origin: " + APP);
			assertThat(options.status()).isEqualTo(204);
			assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, PUT");
		}
	}

	@Test
	void offByDefaultAndAnyOriginWithoutCredentials() throws Exception {
		try (RunningServer server = server(null)) {
			Response reply = RawHttp.request(server.port(), "GET", "/api/items", "Origin: " + APP);
			assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
			assertThat(reply.header("Vary")).isNull();
		}
		try (RunningServer server = server(CorsPolicy.builder().allowedOrigins("*").allowedHeaders("*").build())) {
			Response reply = RawHttp.request(server.port(), "GET", "/api/items", "Origin: " + APP);
			assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
			Response preflight = RawHttp.request(server.port(), "OPTIONS", "/api/items", "Origin: " + APP,
					"Access-Control-Request-Method: POST", "Access-Control-Request-Headers: X-Anything");
			assertThat(preflight.status()).isEqualTo(204);
			assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST");
			assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("X-Anything");
		}
	}

	@Test
	void anyOriginWithCredentialsIsRefusedAtBuild() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CorsPolicy.builder().allowedOrigins("*").allowCredentials(true).build())
			.withMessageContaining("credentials");
		assertThatIllegalArgumentException().isThrownBy(() -> CorsPolicy.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> CorsPolicy.builder().allowedOrigins("a\r\nb"));
	}

}
